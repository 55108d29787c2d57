import {
  createPrompt,
  isDownKey,
  isEnterKey,
  isSpaceKey,
  isUpKey,
  makeTheme,
  useKeypress,
  usePagination,
  usePrefix,
  useState,
} from '@inquirer/core';

/*
 * Several choices from a list, ticked one at a time with space: the list
 * @inquirer/checkbox draws, without the keys that answered for a person
 * (its digits ticked the item at that position, so the strength typed one
 * question early ticked a trigger; "a" ticked every item, "i" turned each
 * around). Only ↑↓, space and Enter do anything; every other key is ignored.
 */

export interface TickChoice {
  value: string;
  /** The words shown in the list (already broken for the terminal). */
  name: string;
  /** The words shown after the question once answered. */
  short: string;
  checked?: boolean;
}

export interface TicksConfig {
  message: string;
  choices: readonly TickChoice[];
  pageSize?: number;
  /** The answer after the question once it is answered, from the ticked choices. */
  theme?: { style?: { renderSelectedChoices?: (picked: readonly TickChoice[]) => string } };
}

const HELP = '↑↓ navigate • space select • ⏎ submit';

export const ticks = createPrompt<string[], TicksConfig>((config, done) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [items, setItems] = useState(config.choices.map((choice) => ({ ...choice, checked: Boolean(choice.checked) })));
  const [active, setActive] = useState(0);
  const prefix = usePrefix({ status, theme });

  useKeypress((key) => {
    if (isEnterKey(key)) {
      setStatus('done');
      done(items.filter((item) => item.checked).map((item) => item.value));
    } else if (isUpKey(key) || isDownKey(key)) {
      setActive(Math.min(Math.max(active + (isUpKey(key) ? -1 : 1), 0), items.length - 1));
    } else if (isSpaceKey(key)) {
      setItems(items.map((item, i) => (i === active ? { ...item, checked: !item.checked } : item)));
    }
  });

  const message = theme.style.message(config.message, status);
  if (status === 'done') {
    const picked = items.filter((item) => item.checked);
    const render = config.theme?.style?.renderSelectedChoices ?? ((chosen) => chosen.map((item) => item.short).join(', '));
    return [prefix, message, theme.style.answer(render(picked))].filter(Boolean).join(' ');
  }
  const page = usePagination({
    items,
    active,
    renderItem: ({ item, isActive }) => {
      const row = `${isActive ? '❯' : ' '}${item.checked ? '◉' : '◯'} ${item.name}`;
      return isActive ? theme.style.highlight(row) : row;
    },
    pageSize: config.pageSize ?? 12,
    loop: false,
  });
  return [`${prefix} ${message}`, page, ' ', theme.style.help(HELP)].join('\n');
});
