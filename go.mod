module firstset

go 1.25
