"""
Writes src/core/sobol-direction-numbers.ts: the first DIMENSIONS dimensions of Joe and Kuo's
new-joe-kuo-6.21201 direction numbers, as SciPy ships them (scipy/stats/_sobol_direction_numbers.npz).

    python3 scripts/sobol-direction-numbers.py            # needs numpy and scipy

SciPy stores, per dimension d (row d - 1): `poly`, the whole primitive polynomial as a binary
number, x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1 read as the bits 1 a_1 ... a_(s-1) 1, and `vinit`,
the initial direction numbers m_1 ... m_s followed by zeros. Joe and Kuo's file gives per dimension
the degree s, the middle coefficients a = a_1 ... a_(s-1) as one binary number, and m_1 ... m_s:
s is the polynomial's bit length less one, and a its bits with the first and the last taken off.
Dimension 1 (polynomial 1, every m equal to 1) is the van der Corput sequence and gets no line.
"""

import os
import sys

import numpy as np
import scipy

DIMENSIONS = 2000
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'src', 'core', 'sobol-direction-numbers.ts')

LICENCE = """Copyright (c) 2008, Frances Y. Kuo and Stephen Joe
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are
met:

  * Redistributions of source code must retain the above copyright
    notice, this list of conditions and the following disclaimer.

  * Redistributions in binary form must reproduce the above copyright
    notice, this list of conditions and the following disclaimer in the
    documentation and/or other materials provided with the
    distribution.

  * Neither the names of the copyright holders nor the names of the
    University of New South Wales and the University of Waikato
    and its contributors may be used to endorse or promote products
    derived from this software without specific prior written
    permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS ``AS IS'' AND ANY
EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR
PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDERS BE
LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR
CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF
SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR
BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY,
WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE
OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN
IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE."""


def dimension_line(poly: int, vinit: np.ndarray) -> str:
    """`s a m_1 … m_s` of one dimension, checked as it is converted."""
    degree = poly.bit_length() - 1
    if degree < 1 or poly & 1 == 0:
        sys.exit(f'not a primitive polynomial of degree 1 or more: {poly}')
    middle = (poly >> 1) & ((1 << (degree - 1)) - 1)
    initial = [int(value) for value in vinit[:degree]]
    for index, value in enumerate(initial):
        # Each m_j is odd and below 2^j.
        if value % 2 == 0 or value >= 1 << (index + 1):
            sys.exit(f'initial direction number m_{index + 1} = {value} is not odd and below 2^{index + 1}')
    if any(int(value) != 0 for value in vinit[degree:]):
        sys.exit(f'more initial direction numbers than the degree {degree}')
    return ' '.join(str(value) for value in [degree, middle, *initial])


def main() -> None:
    table = np.load(os.path.join(os.path.dirname(scipy.__file__), 'stats', '_sobol_direction_numbers.npz'))
    poly, vinit = table['poly'], table['vinit']
    if int(poly[0]) != 1 or list(vinit[0][:1]) != [1]:
        sys.exit('dimension 1 is not the van der Corput sequence')
    lines = [dimension_line(int(poly[row]), vinit[row]) for row in range(1, DIMENSIONS)]
    licence = '\n'.join(f' * {line}'.rstrip() for line in LICENCE.splitlines())
    header = f"""/**
 * Sobol' direction numbers of dimensions 2 … {DIMENSIONS}: Joe and Kuo's new-joe-kuo-6.21201 set, from S. Joe and
 * F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30 (2008)
 * 2635–2654 (https://web.maths.unsw.edu.au/~fkuo/sobol/). Written by scripts/sobol-direction-numbers.py from the copy
 * SciPy {scipy.__version__} ships (scipy/stats/_sobol_direction_numbers.npz); do not edit.
 *
 * Entry i is dimension i + 2, as in Joe and Kuo's file less its first column: `s a m_1 … m_s`, with s the degree of the
 * primitive polynomial x^s + a_1 x^(s−1) + … + a_(s−1) x + 1, a the coefficients a_1 … a_(s−1) read as one binary
 * number (a_1 its highest bit), and m_1 … m_s the initial direction numbers (m_j odd and below 2^j). Dimension 1, the
 * van der Corput sequence (every m_j = 1), has no entry.
 *
 * The direction numbers are distributed under this BSD-style licence:
 *
{licence}
 */

/** Per dimension from 2, its line `s a m_1 … m_s` (see above). */
export const sobolDirectionNumbers: readonly string[] = [
"""
    with open(OUT, 'w', encoding='utf-8', newline='\n') as out:
        out.write(header)
        for line in lines:
            out.write(f"  '{line}',\n")
        out.write('];\n')


if __name__ == '__main__':
    main()
