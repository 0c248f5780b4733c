// Package search turns Chinese and mixed text into the character grams the
// catalog index stores. Chinese has no spaces between words and most
// queries are two characters long (机床, 机器人), so the index keeps every
// pair of adjacent characters (bigrams) plus every single character: a
// query of any length is then answered from the index and confirmed as an
// exact substring of the normalised text.
package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Separator joins normalised fields in a document's text. Normalise never
// keeps it, so a confirmed substring never spans two fields.
const Separator = "|"

// Normalize folds s to the form both documents and queries are compared
// in: NFKC (full-width Ａ１ becomes A1, ㎜ becomes mm), lower case, and
// only letters and digits kept, so "VMC-850" and "ｖｍｃ８５０" both become
// "vmc850".
func Normalize(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Doc is the searchable form of one record: its fields normalised.
type Doc struct {
	Fields []string
}

// NewDoc normalises fields, dropping those left empty.
func NewDoc(fields ...string) Doc {
	var d Doc
	for _, f := range fields {
		if n := Normalize(f); n != "" {
			d.Fields = append(d.Fields, n)
		}
	}
	return d
}

// Text is the normalised fields joined by Separator: what a query's
// normalised form is confirmed against.
func (d Doc) Text() string { return strings.Join(d.Fields, Separator) }

// Grams is the set of distinct bigrams and unigrams of every field,
// sorted. Bigrams never span two fields.
func (d Doc) Grams() []string {
	seen := make(map[string]bool)
	d.eachGram(func(g string) { seen[g] = true })
	out := make([]string, 0, len(seen))
	for g := range seen {
		out = append(out, g)
	}
	sort.Strings(out)
	return out
}

// eachGram calls fn with every unigram and bigram of every field, repeats
// included, each a substring of its field (so nothing is allocated).
func (d Doc) eachGram(fn func(gram string)) {
	for _, f := range d.Fields {
		prev := -1
		for i, r := range f {
			next := i + utf8.RuneLen(r)
			fn(f[i:next])
			if prev >= 0 {
				fn(f[prev:next])
			}
			prev = i
		}
	}
}

// BigramText lists each field's bigrams in order, space-separated, with
// FieldBreak between fields: a full-text engine matching a phrase of
// consecutive bigrams then matches exactly a substring of one field.
func (d Doc) BigramText() string {
	var b strings.Builder
	for i, f := range d.Fields {
		if i > 0 {
			b.WriteString(" " + FieldBreak + " ")
		}
		rs := []rune(f)
		for j := 0; j+1 < len(rs); j++ {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(string(rs[j : j+2]))
		}
	}
	return b.String()
}

// FieldBreak is the token BigramText puts between fields; it is three
// characters long, so it never equals a query's bigram.
const FieldBreak = "brk"

// UnigramText lists the distinct characters of every field, space-separated.
func (d Doc) UnigramText() string {
	seen := make(map[rune]bool)
	var out []string
	for _, f := range d.Fields {
		for _, r := range f {
			if !seen[r] {
				seen[r] = true
				out = append(out, string(r))
			}
		}
	}
	return strings.Join(out, " ")
}

// Query is a search phrase prepared for the index.
type Query struct {
	// Norm is the normalised phrase; empty means "match everything".
	Norm string
	// Grams are the phrase's bigrams in order (repeats kept, so they can form
	// a phrase), or its one character when it is a single character.
	Grams []string
}

// ParseQuery prepares q for the index.
func ParseQuery(q string) Query {
	n := Normalize(q)
	rs := []rune(n)
	switch len(rs) {
	case 0:
		return Query{}
	case 1:
		return Query{Norm: n, Grams: []string{n}}
	}
	grams := make([]string, 0, len(rs)-1)
	for i := 0; i+1 < len(rs); i++ {
		grams = append(grams, string(rs[i:i+2]))
	}
	return Query{Norm: n, Grams: grams}
}

// Empty reports whether the query matches everything.
func (q Query) Empty() bool { return q.Norm == "" }

// Single reports whether the query is one character, answered from unigrams.
func (q Query) Single() bool { return len(q.Grams) == 1 && len([]rune(q.Norm)) == 1 }

// DistinctGrams is the set of the query's grams, sorted.
func (q Query) DistinctGrams() []string {
	seen := make(map[string]bool, len(q.Grams))
	out := make([]string, 0, len(q.Grams))
	for _, g := range q.Grams {
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	sort.Strings(out)
	return out
}
