// Names of people on pages and in lists: 张*明. The first and last characters stay (enough for
// the recipient to recognise their notice), the rest become *, and the 间隔号 “·” of names such
// as 买买提·艾力 stays so the shape of the name is kept. Works on code points, so a name with a
// character outside the BMP (童𬱖) is masked as two characters.
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars.map((c, i) => (i === 0 || i === chars.length - 1 || c === '·' ? c : '*')).join('');
}
