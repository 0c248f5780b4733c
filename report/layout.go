package report

// Document is what the PDF and workbook writers lay out: a title, then
// sections of paragraphs, charts and tables, in that order within each.
// The bulletin is one; the annual report composes another of several
// sections and gets the same pages and sheets.
type Document struct {
	Title    string
	Subject  string // what the document is, for the PDF's information: "定期通报 2026Q3"
	Sections []Section
}

// Section is a part of a document under an optional heading.
type Section struct {
	Heading    string // "一、总体情况"; none when empty
	Paragraphs []string
	Charts     []Chart
	Tables     []Table
}

// Document is the bulletin as one section: the narrative, the charts,
// then the tables (each titled with its own number).
func (b *Bulletin) Document() Document {
	return Document{
		Title:   b.Title,
		Subject: "定期通报 " + b.Period.String(),
		Sections: []Section{{
			Paragraphs: []string{b.Narrative},
			Charts:     b.Charts,
			Tables:     b.Tables,
		}},
	}
}
