// Command hostilegen writes the hostile tender documents of package
// hostile into a directory, for measuring a running server with them
// (docs/BENCHMARKS.md, "Hostile tender uploads").
//
//	go run ./tender/hostile/hostilegen DIR
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"firstset/tender/hostile"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: hostilegen DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	const textSize = 9 << 20      // just under the 10 MiB upload limit
	const inflatedSize = 63 << 20 // what the .docx's document.xml inflates to
	files := map[string]func() ([]byte, error){
		"sentence-lines.txt": func() ([]byte, error) { return hostile.SentenceLines(textSize), nil },
		"sentence-run.txt":   func() ([]byte, error) { return hostile.SentenceRun(textSize), nil },
		"blank-lines.txt":    func() ([]byte, error) { return hostile.BlankLines(textSize), nil },
		"empty-paragraphs.docx": func() ([]byte, error) {
			return hostile.ParagraphBomb(hostile.EmptyParagraph, inflatedSize)
		},
		"unclosed-paragraphs.docx": func() ([]byte, error) {
			return hostile.ParagraphBomb(hostile.UnclosedParagraph, inflatedSize)
		},
		// Accepted: the cap on findings and the largest ordinary .docx.
		"distinct-sentences.txt": func() ([]byte, error) { return hostile.DistinctSentences(textSize), nil },
		"word-like.docx":         func() ([]byte, error) { return hostile.WordLike(inflatedSize, textSize) },
		// Past the inflation limit, each as one XML token.
		"giant-text.docx":    func() ([]byte, error) { return hostile.TextBomb(80 << 20) },
		"giant-comment.docx": func() ([]byte, error) { return hostile.CommentBomb(80 << 20) },
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for name, build := range files {
		data, err := build()
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, name), data, 0o644)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
			os.Exit(1)
		}
		fmt.Printf("%-26s %9d bytes\n", name, len(data))
	}
}
