/**
 * emit/ts/writer.ts replaced code-block-writer (ts-morph's writer) for speed; code-block-writer,
 * configured as the emitters used it, is the oracle: for any sequence of the calls the emitters
 * make, with text that holds no multi-line string literal, both write the same bytes.
 */
import CodeBlockWriter from 'code-block-writer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWriter } from '../../../src/emit/ts/writer.js';

type Step =
  | { call: 'writeLine'; text: string }
  | { call: 'write'; text: string }
  | { call: 'blankLine' }
  | { call: 'indent'; steps: Step[] };

interface Target {
  writeLine(text: string): unknown;
  write(text: string): unknown;
  blankLine(): unknown;
  indent(block: () => void): unknown;
}

function replay(target: Target, steps: readonly Step[]): void {
  for (const step of steps) {
    if (step.call === 'writeLine') target.writeLine(step.text);
    else if (step.call === 'write') target.write(step.text);
    else if (step.call === 'blankLine') target.blankLine();
    else target.indent(() => replay(target, step.steps));
  }
}

// Lines the emitters write: code, doc comments, empty lines, text ending mid-line or in a break.
const text = fc
  .array(fc.constantFrom('export type A = B;', ' * doc', '/**', ' */', '', 'x: 1,', '{', '}', '  ', 'f(a, b)'), {
    maxLength: 4,
  })
  .chain((lines) => fc.constantFrom(lines.join('\n'), lines.join('\r\n'), `${lines.join('\n')}\n`));

const { steps } = fc.letrec<{ steps: Step[]; step: Step }>((tie) => ({
  steps: fc.array(tie('step'), { maxLength: 6 }),
  step: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ call: fc.constant('writeLine' as const), text }),
    fc.record({ call: fc.constant('write' as const), text }),
    fc.record({ call: fc.constant('blankLine' as const) }),
    fc.record({ call: fc.constant('indent' as const), steps: tie('steps') }),
  ),
}));

function oracle(steps: readonly Step[]): string {
  const writer = new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true, newLine: '\n' });
  replay(writer, steps);
  return writer.toString();
}

function ours(steps: readonly Step[]): string {
  const writer = createWriter();
  replay(writer, steps);
  return writer.toString();
}

describe('Writer', () => {
  it('writes what code-block-writer writes for the calls emitters make', () => {
    fc.assert(
      fc.property(steps, (sequence) => {
        expect(ours(sequence)).toBe(oracle(sequence));
      }),
      { numRuns: 2000 },
    );
  });

  it('indents nested blocks and starts a line after a block that ended mid-line', () => {
    const writer = createWriter();
    writer.writeLine('export interface A {');
    writer.indent(() => {
      writer.write('/** doc */\n');
      writer.writeLine('a: string;');
      writer.indent(() => writer.write('b'));
    });
    writer.write('}');
    expect(writer.toString()).toBe('export interface A {\n  /** doc */\n  a: string;\n    b\n}');
  });
});
