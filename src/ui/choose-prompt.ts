import {
  createPrompt,
  isBackspaceKey,
  isDownKey,
  isEnterKey,
  isUpKey,
  makeTheme,
  useKeypress,
  usePagination,
  usePrefix,
  useRef,
  useState,
} from '@inquirer/core';
import { wrap } from '../render/wrap.js';

/*
 * One choice from a list, the way a person at a bad moment expects it to
 * work (@inquirer/select answered for them: Enter took the first item, and
 * on a 0-10 list the digit 8 landed on 7):
 * - nothing is chosen until the person moves or types: Enter on an optional
 *   question with nothing chosen skips it (null); on a required one it says
 *   how to choose and waits;
 * - on a numbered list (the 0-10 scale) typing a number chooses that number:
 *   "8" is 8, "1" then "0" is 10, and a digit that can't continue the number
 *   starts a new one;
 * - on other lists, typing letters moves to the first item that starts so;
 * - a default (an answer already given, when editing) starts chosen.
 */

export interface ChooseChoice {
  value: string;
  name: string;
}

export interface ChooseConfig {
  message: string;
  choices: readonly ChooseChoice[];
  /** The value chosen at the start (an earlier answer); otherwise nothing is. */
  default?: string;
  /** Required: the hint shown when Enter is pressed with nothing chosen. Optional questions skip instead. */
  required?: string;
  /** The values are numbers and typing one chooses it. */
  numbered?: boolean;
  /** Where the first ↑/↓ lands when nothing is chosen yet (the middle of a scale); default: the first or last item. */
  start?: string;
  pageSize?: number;
  /** The terminal's width: the question, each choice and the help are broken between words to fit it. */
  width?: number;
}

const SKIPPED = '(skipped)';

export const choose = createPrompt<string | null, ChooseConfig>((config, done) => {
  const theme = makeTheme({});
  const items = config.choices;
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const initial = config.default === undefined ? -1 : items.findIndex((item) => item.value === config.default);
  const [active, setActive] = useState(initial);
  const [hint, setHint] = useState('');
  const typed = useRef('');
  const prefix = usePrefix({ status, theme });

  useKeypress((key, rl) => {
    if (isEnterKey(key)) {
      if (active >= 0) {
        setStatus('done');
        done(items[active]!.value);
      } else if (config.required === undefined) {
        setStatus('done');
        done(null);
      } else {
        setHint(config.required);
      }
      return;
    }
    setHint('');
    if (isUpKey(key) || isDownKey(key)) {
      typed.current = '';
      rl.clearLine(0);
      const step = isUpKey(key) ? -1 : 1;
      if (active === -1) {
        const start = config.start === undefined ? -1 : items.findIndex((item) => item.value === config.start);
        setActive(start >= 0 ? start : step > 0 ? 0 : items.length - 1);
      } else {
        setActive(Math.min(Math.max(active + step, 0), items.length - 1));
      }
      return;
    }
    if (isBackspaceKey(key)) {
      typed.current = '';
      rl.clearLine(0);
      return;
    }
    const text = key.name?.length === 1 ? key.name : '';
    rl.clearLine(0);
    if (config.numbered && /^[0-9]$/.test(text)) {
      // "1" then "0" is 10; a digit that would make no value on the list starts over.
      const longer = `${typed.current}${text}`;
      const found = items.findIndex((item) => item.value === String(Number(longer)));
      typed.current = found >= 0 ? longer : text;
      const index = found >= 0 ? found : items.findIndex((item) => item.value === text);
      if (index >= 0) setActive(index);
      return;
    }
    if (!config.numbered && /^[\p{L}\p{N}]$/u.test(text)) {
      typed.current = `${typed.current}${text}`.toLowerCase();
      const index = items.findIndex((item) => item.name.toLowerCase().startsWith(typed.current));
      if (index >= 0) setActive(index);
      else typed.current = '';
    }
  });

  const message = theme.style.message(config.message, status);
  // One column short of the edge: a line exactly as wide as the terminal makes inquirer add a blank line after it.
  const room = Math.max(10, (config.width ?? 80) - 1);
  const broken = (text: string, hang: string) => wrap(text, room, hang).join('\n');
  if (status === 'done') {
    // "7  hard to think of anything else" reads as "7 · hard to think of anything else" once answered.
    const answer = active >= 0 ? theme.style.answer(items[active]!.name.trim().replace(/\s{2,}/g, ' · ')) : theme.style.help(SKIPPED);
    return broken(`${prefix} ${message} ${answer}`, '  ');
  }
  const page = usePagination({
    items: items as ChooseChoice[],
    active: Math.max(active, 0),
    renderItem: ({ item, isActive }) => {
      const chosen = isActive && active >= 0;
      const lines = wrap(`${chosen ? '❯' : ' '} ${item.name}`, room, '    ');
      return lines.map((text) => (chosen ? theme.style.highlight(text) : text)).join('\n');
    },
    pageSize: config.pageSize ?? 12,
    loop: false,
  });
  const how = config.numbered ? 'type a number or ↑↓' : '↑↓';
  const enter = active >= 0 ? '⏎ choose' : config.required === undefined ? '⏎ skip' : 'then ⏎';
  const help = theme.style.help(`${how} • ${enter}`);
  return [broken(`${prefix} ${message}`, '  '), page, ' ', hint ? broken(theme.style.error(hint), '') : help].join('\n');
});
