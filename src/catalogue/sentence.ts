/**
 * A catalogue's words inside a sentence start lower case ("something I saw
 * on social media"; "I felt close" is kept); a person's own words, which
 * come back from the labeller as they were stored, stay exactly as typed
 * ("call Sam"). `words` is what the labeller gave for the stored `value`.
 */
export function inSentence(words: string, value: string): string {
  return words === value || /^I\b/.test(words) ? words : words.charAt(0).toLowerCase() + words.slice(1);
}
