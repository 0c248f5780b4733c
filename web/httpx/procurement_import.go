package httpx

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"firstset"
)

// Where purchases are imported from a workbook; their bodies may be as
// large as a tender document.
const (
	ProcurementImportAPIPath  = "/api/v1/procurements/import"
	ProcurementImportPagePath = "/procurements/import"
)

// ReadWorkbookUpload reads an import's multipart body: an optional
// buyer_id (an administrator's choice) and the file, which must be an
// .xlsx workbook within the upload limit.
func ReadWorkbookUpload(r *http.Request) (buyerID int64, data []byte, err error) {
	if r.MultipartForm != nil {
		// A page's form, parsed already by the CSRF check.
		return workbookFromForm(r.MultipartForm)
	}
	mr, err := UploadParts(r)
	if err != nil {
		return 0, nil, err
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, nil, UploadReadError(err)
		}
		switch part.FormName() {
		case "buyer_id":
			v, err := ReadUploadField(part, 20)
			if err != nil {
				return 0, nil, err
			}
			if v = strings.TrimSpace(v); v != "" {
				if buyerID, err = strconv.ParseInt(v, 10, 64); err != nil || buyerID <= 0 {
					return 0, nil, firstset.FieldErrorf("buyer_id", "invalid_number", "采购单位编号须为正整数。")
				}
			}
		case "file":
			if name := strings.ToLower(part.FileName()); !strings.HasSuffix(name, ".xlsx") {
				return 0, nil, firstset.FieldErrorf("file", "unsupported", "请上传 .xlsx 格式的 Excel 工作簿（可下载导入模板填写）。")
			}
			var buf bytes.Buffer
			if _, err := io.Copy(&buf, part); err != nil {
				return 0, nil, UploadReadError(err)
			}
			data = buf.Bytes()
		}
	}
	return buyerID, data, checkWorkbook(data)
}

// workbookFromForm reads the import from a parsed multipart form.
func workbookFromForm(f *multipart.Form) (int64, []byte, error) {
	var buyerID int64
	if v := strings.TrimSpace(strings.Join(f.Value["buyer_id"], "")); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return 0, nil, firstset.FieldErrorf("buyer_id", "invalid_number", "采购单位编号须为正整数。")
		}
		buyerID = id
	}
	files := f.File["file"]
	if len(files) == 0 {
		return 0, nil, firstset.FieldErrorf("file", "required", "请选择要导入的 Excel 文件。")
	}
	if !strings.HasSuffix(strings.ToLower(files[0].Filename), ".xlsx") {
		return 0, nil, firstset.FieldErrorf("file", "unsupported", "请上传 .xlsx 格式的 Excel 工作簿（可下载导入模板填写）。")
	}
	fh, err := files[0].Open()
	if err != nil {
		return 0, nil, UploadReadError(err)
	}
	defer fh.Close()
	data, err := io.ReadAll(fh)
	if err != nil {
		return 0, nil, UploadReadError(err)
	}
	return buyerID, data, checkWorkbook(data)
}

// checkWorkbook refuses an empty file or one that is not a zip archive,
// as every .xlsx is.
func checkWorkbook(data []byte) error {
	if len(data) == 0 {
		return firstset.FieldErrorf("file", "required", "请选择要导入的 Excel 文件。")
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return firstset.FieldErrorf("file", "not_workbook", "文件不是有效的 Excel 工作簿（.xlsx），请下载平台的导入模板填写。")
	}
	return nil
}
