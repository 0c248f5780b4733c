package httpx

import (
	"net/http"
	"strconv"
	"time"

	"firstset"
)

// ProcurementQuery reads a listing of purchases from the query: buyer_id,
// product_id, project_kind, from, to, q and the page.
func ProcurementQuery(r *http.Request) (firstset.ProcurementFilter, error) {
	q := NewQueryReader(r)
	page, per := q.Page(50)
	kinds := make([]string, len(firstset.ProjectKinds))
	for i, k := range firstset.ProjectKinds {
		kinds[i] = string(k)
	}
	kind := q.Choice("project_kind", "项目类型", func(v string) bool { return firstset.ProjectKind(v).Valid() }, kinds)
	f := firstset.ProcurementFilter{BuyerID: q.ID("buyer_id", "采购单位编号"), ProductID: q.ID("product_id", "装备编号"),
		ProjectKind: firstset.ProjectKind(kind), DistrictCode: q.District("district_code"),
		Query: q.Text("q", "关键词", MaxListQuery), Offset: (page - 1) * per, Limit: per}
	f.From, _ = q.Day("from", "开始日期")
	f.To, _ = q.Day("to", "结束日期")
	return f, q.Err()
}

// BuyerQuery reads a buyer listing's query (kind, district_code, q and
// the page), the same for the page and the API.
func BuyerQuery(r *http.Request) (firstset.BuyerFilter, error) {
	q := NewQueryReader(r)
	page, per := q.Page(50)
	kinds := make([]string, len(firstset.BuyerKinds))
	for i, k := range firstset.BuyerKinds {
		kinds[i] = string(k)
	}
	kind := q.Choice("kind", "单位类型", func(v string) bool { return firstset.BuyerKind(v).Valid() }, kinds)
	f := firstset.BuyerFilter{Kind: firstset.BuyerKind(kind), DistrictCode: q.District("district_code"),
		Query: q.Text("q", "关键词", MaxListQuery), Offset: (page - 1) * per, Limit: per}
	return f, q.Err()
}

// ServeBulletinFile sends a bulletin's PDF or workbook to whoever may see
// the bulletin, for the page and the API alike.
func ServeBulletinFile(b *Base, w http.ResponseWriter, r *http.Request, format string) {
	id, err := PathID(r)
	if err != nil {
		b.ServeError(w, r, err)
		return
	}
	bl, data, err := b.Bulletins.BulletinFile(r.Context(), id, format)
	if err != nil {
		b.ServeError(w, r, err)
		return
	}
	h := w.Header()
	if format == "pdf" {
		h.Set("Content-Type", "application/pdf")
	} else {
		h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	h.Set("Content-Disposition", AttachmentDisposition(bl.Title+"."+format))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Last-Modified", bl.CreatedAt.UTC().Format(time.RFC1123))
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}

// ServeBulletinChart sends chart {n} of a bulletin as SVG.
func ServeBulletinChart(b *Base, w http.ResponseWriter, r *http.Request) {
	id, err := PathID(r)
	if err != nil {
		b.ServeError(w, r, err)
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		b.ServeError(w, r, firstset.NotFound("图表"))
		return
	}
	svg, err := b.Bulletins.BulletinChart(r.Context(), id, n)
	if err != nil {
		b.ServeError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/svg+xml")
	h.Set("Cache-Control", "private, max-age=300")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.WriteHeader(http.StatusOK)
	w.Write(svg)
}
