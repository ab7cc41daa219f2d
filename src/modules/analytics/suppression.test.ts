// Secondary suppression: no published sum may leave exactly one hidden cell to be worked out.
import { describe, expect, it } from 'vitest';
import { suppressionMask } from './suppression.ts';

const shown = (values: number[], relations: number[][]) =>
  suppressionMask(values, relations, 5).map((h, i) => (h ? null : values[i]));

describe('suppression of small cells', () => {
  it('hides the next smallest cell when a total would give the hidden one away', () => {
    // cells 3, 12, 40 and their total 55: 3 alone hidden is 55 − 12 − 40.
    expect(shown([3, 12, 40, 55], [[0, 1, 2, 3]])).toEqual([null, null, 40, 55]);
  });

  it('leaves a table alone when two cells are already hidden or none is small', () => {
    expect(shown([3, 2, 40, 45], [[0, 1, 2, 3]])).toEqual([null, null, 40, 45]);
    expect(shown([6, 12, 40, 58], [[0, 1, 2, 3]])).toEqual([6, 12, 40, 58]);
  });

  it('follows a hidden cell through every relation it is part of', () => {
    // Row total 20 = 4 + 16 (categories) = 9 + 11 (age bands): hiding 4 hides 16, which is fine for
    // the first relation; the second does not contain them and stays visible.
    expect(
      shown(
        [20, 4, 16, 9, 11],
        [
          [0, 1, 2],
          [0, 3, 4],
        ],
      ),
    ).toEqual([20, null, null, 9, 11]);
    // Two relations sharing a hidden cell: each must get its second hidden cell.
    expect(
      shown(
        [30, 3, 27, 3, 10, 17],
        [
          [0, 1, 2],
          [2, 3, 4, 5],
        ],
      ),
    ).toEqual([30, null, null, null, 10, 17]);
  });

  it('protects with a non-zero cell rather than a zero one, which would give nothing away', () => {
    expect(shown([3, 0, 40, 43], [[0, 1, 2, 3]])).toEqual([null, 0, null, 43]);
  });
});
