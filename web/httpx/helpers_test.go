package httpx

// hasHan reports whether s holds a Chinese character, as every message
// for people does.
func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}
