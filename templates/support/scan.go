package support

import (
	"encoding/binary"
	"math/bits"
)

// opgMaxNesting is encoding/json's limit on nesting: deeper JSON is not valid
// to it.
const opgMaxNesting = 10000

// The scanners below look at 8 bytes at a time (SWAR: bit tricks on a
// uint64) for the bytes that matter, most of a document being the text of
// strings. opgHasZero(x) has the high bit set in each byte of x that is 0,
// and nothing set below the first: the lowest set bit is the first such
// byte (above it a borrow may flag a byte that is not).
const (
	opgOnes  = 0x0101010101010101
	opgHighs = 0x8080808080808080
)

func opgHasZero(x uint64) uint64 { return (x - opgOnes) & ^x & opgHighs }

// opgHasLess flags the bytes of x below n (n <= 128), as opgHasZero does.
func opgHasLess(x uint64, n byte) uint64 { return (x - opgOnes*uint64(n)) & ^x & opgHighs }

// opgStringSpecial returns the index of the first byte of data, from i, that
// a JSON string cannot hold as it is (a quote, a backslash, a control
// character), or len(data).
func opgStringSpecial(data []byte, i int) int {
	for ; i+8 <= len(data); i += 8 {
		x := binary.LittleEndian.Uint64(data[i:])
		if m := opgHasZero(x^(opgOnes*'"')) | opgHasZero(x^(opgOnes*'\\')) | opgHasLess(x, 0x20); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(data); i++ {
		if c := data[i]; c < 0x20 || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}

// opgSkipString returns the end of the JSON string starting at data[i] (a
// quote), or len(data) when it does not end.
func opgSkipString(data []byte, i int) int {
	for i++; ; {
		for i+8 <= len(data) {
			x := binary.LittleEndian.Uint64(data[i:])
			m := opgHasZero(x^(opgOnes*'"')) | opgHasZero(x^(opgOnes*'\\'))
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) / 8
			break
		}
		for i < len(data) && data[i] != '"' && data[i] != '\\' {
			i++
		}
		if i >= len(data) {
			return len(data)
		}
		if data[i] == '"' {
			return i + 1
		}
		i += 2
	}
}

// opgSkipContainer returns the end of the JSON object or array starting at
// data[i] (valid JSON), or len(data) when it does not end. One loop, strings
// included, so that skipping a nested object calls nothing per member.
func opgSkipContainer(data []byte, i int) int {
	depth := 0
	for i < len(data) {
		// Outside strings: to the next quote or bracket.
		for i+8 <= len(data) {
			x := binary.LittleEndian.Uint64(data[i:])
			y := x & (opgOnes * 0xDF) // '{' and '}' become '[' and ']', and no other byte does
			m := opgHasZero(x^(opgOnes*'"')) | opgHasZero(y^(opgOnes*'[')) | opgHasZero(y^(opgOnes*']'))
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) / 8
			break
		}
		if i >= len(data) {
			break
		}
		switch data[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '"':
			i = opgSkipString(data, i) - 1
		}
		i++
	}
	return len(data)
}

// opgValid reports whether data is one JSON value, with white space around it
// only, exactly as json.Valid does (its nesting limit included), in one pass
// without encoding/json's per-byte state function: the generated decoders
// check a body with it before walking it.
func opgValid(data []byte) bool {
	_, ok := opgValidEnds(data, nil)
	return ok
}

// opgValidEnds is opgValid that also appends to ends, when data is an array
// and ends is not nil, where each of its elements ends: the decoder of a
// list then walks the elements without finding their ends again.
func opgValidEnds(data []byte, ends []int) ([]int, bool) {
	var buf [32]byte
	stack := buf[:0] // the open containers, '{' or '['
	i := opgSkipSpace(data, 0)
	for {
		// A value starts at i.
		if i >= len(data) {
			return ends, false
		}
		switch c := data[i]; {
		case c == '{' || c == '[':
			if len(stack) >= opgMaxNesting {
				return ends, false
			}
			stack = append(stack, c)
			i = opgSkipSpace(data, i+1)
			if i < len(data) && data[i] == c+2 { // '}' or ']'
				stack = stack[:len(stack)-1]
				i++
				break
			}
			if c == '{' {
				if i = opgValidKey(data, i); i < 0 {
					return ends, false
				}
			}
			continue
		case c == '"':
			if i = opgValidString(data, i); i < 0 {
				return ends, false
			}
		case c == 't':
			if len(data)-i < 4 || string(data[i:i+4]) != "true" {
				return ends, false
			}
			i += 4
		case c == 'f':
			if len(data)-i < 5 || string(data[i:i+5]) != "false" {
				return ends, false
			}
			i += 5
		case c == 'n':
			if len(data)-i < 4 || string(data[i:i+4]) != "null" {
				return ends, false
			}
			i += 4
		default:
			if i = opgValidNumber(data, i); i < 0 {
				return ends, false
			}
		}
		// A value ended at i: close containers until one continues.
		for {
			if len(stack) == 1 && ends != nil && stack[0] == '[' {
				ends = append(ends, i)
			}
			i = opgSkipSpace(data, i)
			if len(stack) == 0 {
				return ends, i == len(data)
			}
			if i >= len(data) {
				return ends, false
			}
			top := stack[len(stack)-1]
			if data[i] == top+2 {
				stack = stack[:len(stack)-1]
				i++
				continue
			}
			if data[i] != ',' {
				return ends, false
			}
			i = opgSkipSpace(data, i+1)
			if top == '{' {
				if i = opgValidKey(data, i); i < 0 {
					return ends, false
				}
			}
			break
		}
	}
}

// opgValidKey checks an object's key and its colon at data[i]; it returns
// where the value starts, or -1.
func opgValidKey(data []byte, i int) int {
	if i >= len(data) || data[i] != '"' {
		return -1
	}
	if i = opgValidString(data, i); i < 0 {
		return -1
	}
	i = opgSkipSpace(data, i)
	if i >= len(data) || data[i] != ':' {
		return -1
	}
	return opgSkipSpace(data, i+1)
}

// opgValidString checks the JSON string starting at data[i] (a quote) and
// returns its end, or -1. As for encoding/json, bytes that are not UTF-8 are
// not an error.
func opgValidString(data []byte, i int) int {
	for i++; ; i++ {
		if i = opgStringSpecial(data, i); i >= len(data) {
			return -1
		}
		switch data[i] {
		case '"':
			return i + 1
		case '\\':
			i++
			if i >= len(data) {
				return -1
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(data)-i < 5 {
					return -1
				}
				for _, h := range data[i+1 : i+5] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return -1
					}
				}
				i += 4
			default:
				return -1
			}
		default: // a control character
			return -1
		}
	}
}

// opgValidNumber checks the JSON number starting at data[i] and returns its
// end, or -1.
func opgValidNumber(data []byte, i int) int {
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i >= len(data):
		return -1
	case data[i] == '0':
		i++
	case '1' <= data[i] && data[i] <= '9':
		i = opgSkipDigits(data, i+1)
	default:
		return -1
	}
	if i < len(data) && data[i] == '.' {
		j := opgSkipDigits(data, i+1)
		if j == i+1 {
			return -1
		}
		i = j
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		j := opgSkipDigits(data, i)
		if j == i {
			return -1
		}
		i = j
	}
	return i
}

func opgSkipDigits(data []byte, i int) int {
	for i < len(data) && '0' <= data[i] && data[i] <= '9' {
		i++
	}
	return i
}
