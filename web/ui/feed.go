package ui

import (
	"encoding/xml"
	"net/http"
	"time"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
)

// feedSize is how many of the newest articles the feed carries.
const feedSize = 50

// The Atom 1.0 document (RFC 4287), as much of it as the feed uses.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID        string       `xml:"id"`
	Title     string       `xml:"title"`
	Updated   string       `xml:"updated"`
	Published string       `xml:"published"`
	Link      atomLink     `xml:"link"`
	Category  atomCategory `xml:"category"`
	Content   atomText     `xml:"content"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// handleFeed serves the published articles as an Atom feed, newest publish
// day first, with absolute links on the platform's public address.
func (s *Handler) handleFeed(w http.ResponseWriter, r *http.Request) {
	list, _, err := s.Articles.FindArticles(firstset.NewContextWithActor(r.Context(), &firstset.Actor{}),
		firstset.ArticleFilter{Limit: feedSize})
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	feed := atomFeed{Lang: "zh-CN", ID: s.AbsoluteURL(r, "/articles"), Title: "重庆市首台（套）重大技术装备政策服务",
		Author: atomPerson{Name: "重庆市经济和信息化委员会"},
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: s.AbsoluteURL(r, "/feed.atom")},
			{Rel: "alternate", Type: "text/html", Href: s.AbsoluteURL(r, "/articles")}}}
	var newest time.Time
	for _, x := range list {
		href := s.AbsoluteURL(r, "/articles/"+httpx.Itoa(x.ID))
		// An article becomes news on its publish day, not when it was
		// written ahead of it.
		published := publishTime(x.PublishOn)
		updated := x.UpdatedAt
		if updated.Before(published) {
			updated = published
		}
		if updated.After(newest) {
			newest = updated
		}
		feed.Entries = append(feed.Entries, atomEntry{ID: href, Title: x.Title, Link: atomLink{Rel: "alternate", Type: "text/html", Href: href},
			Updated: atomTime(updated), Published: atomTime(published),
			Category: atomCategory{Term: string(x.Kind), Label: x.KindLabel}, Content: atomText{Type: "text", Text: x.Body}})
	}
	if newest.IsZero() {
		newest = publishTime(date.Of(2018, 11, 23)) // no article yet: the library's oldest text
	}
	feed.Updated = atomTime(newest)
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(out)
}

// publishTime is the start of day d in Chongqing.
func publishTime(d date.Date) time.Time {
	y, m, dd := d.Parts()
	return time.Date(y, m, dd, 0, 0, 0, 0, date.Shanghai)
}

func atomTime(t time.Time) string { return t.In(date.Shanghai).Format(time.RFC3339) }
