import { createPrompt, isEnterKey, makeTheme, useEffect, useKeypress, usePrefix, useState } from '@inquirer/core';
import { wrap } from '../render/wrap.js';

/*
 * A line of text. Unlike @inquirer/input, what is in the line when Enter is
 * pressed is the answer: an earlier answer put in the line to change and then
 * deleted is cleared, not silently kept (input falls back to its default).
 */

export interface TextConfig {
  message: string;
  /** Words already in the line, ready to change (an earlier answer, or a note half-typed). */
  initial?: string;
  /** Required: the hint shown when Enter is pressed on an empty line. */
  required?: string;
  /** The terminal's width: the question is broken between words to fit it. */
  width?: number;
}

export const text = createPrompt<string, TextConfig>((config, done) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [value, setValue] = useState(config.initial ?? '');
  const [hint, setHint] = useState('');
  const prefix = usePrefix({ status, theme });

  useEffect((rl) => {
    if (config.initial) rl.write(config.initial);
  }, []);

  useKeypress((key, rl) => {
    if (isEnterKey(key)) {
      // readline has already cleared its line for Enter: the answer is what was last in it.
      const answer = value;
      if (config.required !== undefined && answer.trim() === '') {
        setHint(config.required);
        rl.write(value);
        return;
      }
      setValue(answer);
      setStatus('done');
      done(answer);
      return;
    }
    setValue(rl.line);
    setHint('');
  });

  const message = theme.style.message(config.message, status);
  // One column short of the edge: a line exactly as wide as the terminal makes inquirer add a blank line after it.
  const room = Math.max(10, (config.width ?? 80) - 1);
  const error = hint ? wrap(theme.style.error(hint), room).join('\n') : '';
  if (status === 'done') return [wrap(`${prefix} ${message} ${theme.style.answer(value)}`.trimEnd(), room, '  ').join('\n'), error];
  // While typing, only the question is broken: the line being typed stays whole at the end, where readline's cursor expects it.
  const question = wrap(`${prefix} ${message}`, room, '  ');
  const last = question.pop()!;
  return [[...question, `${last} ${value}`.trimEnd()].join('\n'), error];
});
