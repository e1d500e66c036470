/**
 * A check of a whole file's content as it streams past (R6), in bounded memory: `push` each chunk
 * in order, then `end`. Each returns null while the file passes, or the rule it breaks, in words
 * a person can act on ("a .doc must be a Word document").
 */
export interface ContentCheck {
  push(chunk: Buffer): string | null;
  end(): string | null;
}

/** Several checks as one: the first refusal wins. */
export function allChecks(...checks: ContentCheck[]): ContentCheck {
  let refusal: string | null = null;
  return {
    push(chunk) {
      for (const check of checks) refusal ??= check.push(chunk);
      return refusal;
    },
    end() {
      for (const check of checks) refusal ??= check.end();
      return refusal;
    },
  };
}

/** The last `max` bytes seen, for checks that decide from a file's end (PDF trailer, ZIP directory). */
export function createTail(max: number): { push(chunk: Buffer): void; bytes(): Buffer; total(): number } {
  let chunks: Buffer[] = [];
  let held = 0;
  let total = 0;
  return {
    push(chunk) {
      total += chunk.length;
      chunks.push(chunk);
      held += chunk.length;
      while (chunks.length > 1 && held - (chunks[0]?.length ?? 0) >= max) held -= chunks.shift()?.length ?? 0;
    },
    bytes() {
      const all = Buffer.concat(chunks);
      chunks = [all];
      return all.subarray(Math.max(0, all.length - max));
    },
    total: () => total,
  };
}

/**
 * Finds every match of a pattern across chunk boundaries: `onMatch` gets each match's offset in
 * the file. Text is read as latin1, one character per byte, so offsets are byte offsets.
 * `overlap` is the longest match the pattern can make. With `firstByte`, every match starts with
 * that byte: a chunk without it (and no carried-over text holding it) cannot hold a match, so it
 * is only carried over, not turned into text and searched.
 */
export function createScanner(
  pattern: RegExp,
  overlap: number,
  onMatch: (offset: number, match: RegExpExecArray) => void,
  firstByte?: number,
): (chunk: Buffer) => void {
  let carry = '';
  let carryStart = 0;
  const first = firstByte === undefined ? null : String.fromCharCode(firstByte);
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  return (chunk) => {
    if (first !== null && firstByte !== undefined && !carry.includes(first) && !chunk.includes(firstByte)) {
      // The same carry as below, from the chunk's last bytes only.
      const text = carry + chunk.toString('latin1', Math.max(0, chunk.length - overlap));
      const keep = Math.min(overlap, carry.length + chunk.length);
      carryStart += carry.length + chunk.length - keep;
      carry = text.slice(text.length - keep);
      return;
    }
    const text = carry + chunk.toString('latin1');
    // A match must end inside the new bytes, so one that lay wholly in the carry is not counted twice.
    const fresh = carry.length;
    global.lastIndex = 0;
    for (let m = global.exec(text); m; m = global.exec(text)) {
      if (m.index + m[0].length > fresh) onMatch(carryStart + m.index, m);
      if (m[0].length === 0) global.lastIndex += 1;
    }
    const keep = Math.min(overlap, text.length);
    carryStart += text.length - keep;
    carry = text.slice(text.length - keep);
  };
}
