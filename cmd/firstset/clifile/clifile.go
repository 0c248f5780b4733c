// Package clifile reads the one input file of a command-line tool: a
// path, or - for standard input, bounded so a wrong file cannot exhaust
// memory.
package clifile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Read returns the content of name ("-": stdin), refusing more than max
// bytes. Its errors name the input as a person gave it.
func Read(name string, stdin io.Reader, max int) ([]byte, error) {
	var r io.Reader
	label := Label(name)
	if name == "-" {
		r = stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("cannot read %s: %w", name, err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", label, err)
	}
	if len(data) > max {
		return nil, fmt.Errorf("%s is larger than %d MiB", label, max>>20)
	}
	return data, nil
}

// Label is how messages name the input: its path, or standard input.
func Label(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}
