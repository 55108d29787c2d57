import { createPrompt, isEnterKey, makeTheme, useEffect, useKeypress, usePrefix, useState } from '@inquirer/core';

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
  const shown = status === 'done' ? theme.style.answer(value) : value;
  return [`${prefix} ${message} ${shown}`.trimEnd(), hint ? theme.style.error(hint) : ''];
});
