package creditcode

// department is a registration department (position 1) with the
// organisation categories (position 2) it may assign.
type department struct {
	name       string
	categories map[byte]string
}

// departments holds only the departments whose category lists are settled
// beyond doubt: these are the ones that issue nearly every code the platform
// will meet (enterprises register with 工商/市场监管, associations with 民政,
// public institutions with 机构编制). For them a category outside the list is
// rejected.
//
// Every other position-1 character of the charset (2 外交, 3 司法行政, 4 文化,
// 6 旅游, 7 宗教, 8 工会, A 军队, N 农业 and the later additions) is accepted
// with any category: published copies of the table disagree on those rows and
// their amendments, and rejecting a real code would block a genuine applicant,
// whereas the two check characters already catch typing errors.
var departments = map[byte]department{
	'1': {"机构编制", map[byte]string{
		'1': "机关",
		'2': "事业单位",
		'3': "中央编办直接管理机构编制的群众团体",
		'9': "其他",
	}},
	'5': {"民政", map[byte]string{
		'1': "社会团体",
		'2': "民办非企业单位",
		'3': "基金会",
		'9': "其他",
	}},
	'9': {"工商", map[byte]string{
		'1': "企业",
		'2': "个体工商户",
		'3': "农民专业合作社",
	}},
	'Y': {"其他", map[byte]string{
		'1': "其他",
	}},
}
