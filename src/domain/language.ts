// placeholder until helper-5 lands
export function detectLanguage(_text: string): string | null {
  return null;
}
