// Splits a command line into arguments the way a POSIX shell would (without expansions): blanks
// separate words, 'single quotes' keep everything, "double quotes" keep everything but \" \\ \$ \`,
// and a backslash outside quotes keeps the next character.

export function splitCmdline(line: string): string[] {
  const out: string[] = [];
  let cur = '', inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) { out.push(cur); cur = ''; inWord = false; }
      continue;
    }
    inWord = true;
    if (c === '\\') {
      if (i + 1 < line.length) cur += line[++i];
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new SyntaxError(`unterminated ' in command line: ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) j++;
        cur += line[j];
      }
      if (j >= line.length) throw new SyntaxError(`unterminated " in command line: ${line}`);
      i = j;
    } else cur += c;
  }
  if (inWord) out.push(cur);
  return out;
}
