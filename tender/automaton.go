package tender

// automaton is an Aho–Corasick matcher compiled to a DFA over byte classes:
// one table lookup per input byte, no backtracking, all keywords found in a
// single pass. It is what keeps checking at tens of MB/s: most clauses of a
// tender contain no trigger word and are never looked at again.
type automaton struct {
	class   [256]uint8 // byte → class; class 0 is "a byte no keyword uses"
	classes int
	// state*classes + class → next state. uint16 keeps the table small
	// enough to stay in cache (a state count above 65,535 panics at build).
	delta  []uint16
	outOff []int32 // outputs of state s are outs[outOff[s]:outOff[s+1]]
	outs   []int32 // keyword ids
	lens   []int32 // keyword id → length in bytes
}

type match struct {
	start, end int   // byte offsets in the scanned text
	kw         int32 // keyword id
}

func newAutomaton(keywords []string) *automaton {
	a := &automaton{lens: make([]int32, len(keywords))}
	for _, kw := range keywords {
		for i := 0; i < len(kw); i++ {
			if a.class[kw[i]] == 0 {
				a.classes++
				a.class[kw[i]] = uint8(a.classes)
			}
		}
	}
	a.classes++ // room for class 0

	// The trie, with sparse children while building.
	type node struct {
		next map[uint8]int32
		fail int32
		out  []int32
	}
	nodes := []node{{next: map[uint8]int32{}}}
	for id, kw := range keywords {
		a.lens[id] = int32(len(kw))
		s := int32(0)
		for i := 0; i < len(kw); i++ {
			c := a.class[kw[i]]
			nx, ok := nodes[s].next[c]
			if !ok {
				nodes = append(nodes, node{next: map[uint8]int32{}})
				nx = int32(len(nodes) - 1)
				nodes[s].next[c] = nx
			}
			s = nx
		}
		nodes[s].out = append(nodes[s].out, int32(id))
	}

	// Breadth-first: fail links, then the full transition table, so that a
	// state's table row can copy from its fail state's finished row.
	if len(nodes) > 1<<16 {
		panic("tender: keyword automaton has more states than uint16 holds")
	}
	a.delta = make([]uint16, len(nodes)*a.classes)
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		row := a.delta[int(s)*a.classes : int(s+1)*a.classes]
		if s != 0 {
			copy(row, a.delta[int(nodes[s].fail)*a.classes:int(nodes[s].fail+1)*a.classes])
			nodes[s].out = append(nodes[s].out, nodes[nodes[s].fail].out...)
		}
		for c, child := range nodes[s].next {
			if s == 0 {
				nodes[child].fail = 0
			} else {
				nodes[child].fail = int32(a.delta[int(nodes[s].fail)*a.classes+int(c)])
			}
			row[c] = uint16(child)
			queue = append(queue, child)
		}
	}
	a.outOff = make([]int32, len(nodes)+1)
	for s := range nodes {
		a.outs = append(a.outs, nodes[s].out...)
		a.outOff[s+1] = int32(len(a.outs))
	}
	return a
}

// containsAny reports whether text holds one of the keywords: one table
// lookup per byte up to the first, where strings.Contains would make a pass
// over text for each keyword.
func (a *automaton) containsAny(text string) bool {
	s := int32(0)
	classes := int32(a.classes)
	for i := 0; i < len(text); i++ {
		s = int32(a.delta[s*classes+int32(a.class[text[i]])])
		if a.outOff[s] != a.outOff[s+1] {
			return true
		}
	}
	return false
}

// scan appends every keyword occurrence in text (overlaps included) to dst.
func (a *automaton) scan(text string, dst []match) []match {
	s := int32(0)
	classes := int32(a.classes)
	for i := 0; i < len(text); i++ {
		s = int32(a.delta[s*classes+int32(a.class[text[i]])])
		if lo, hi := a.outOff[s], a.outOff[s+1]; lo != hi {
			for _, kw := range a.outs[lo:hi] {
				dst = append(dst, match{start: i + 1 - int(a.lens[kw]), end: i + 1, kw: kw})
			}
		}
	}
	return dst
}
