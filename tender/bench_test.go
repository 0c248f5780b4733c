package tender

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchmarkDocument builds about 2 MB of tender text: ordinary paragraphs
// (the bulk of any tender: procedure, delivery, technical specifications)
// with one labelled corpus clause after every four of them, so that one
// paragraph in five carries a trigger word.
func benchmarkDocument(b *testing.B) []string {
	b.Helper()
	ordinary := []string{
		"投标人应仔细阅读招标文件的全部内容，按照招标文件的要求编制投标文件，并对所提供资料的真实性负责。",
		"设备安装完成后，中标人应会同采购人进行单机调试和联动试车，调试期间发生的费用包含在投标总价中。",
		"电动机防护等级不低于IP55，绝缘等级F级，温升按B级考核，额定电压380V，频率50Hz。",
		"开标时间和地点：2025年7月10日上午9时30分，重庆市公共资源交易中心第三开标室。",
		"投标文件的正本和副本均应使用不能擦去的墨水打印或书写，并由投标人的法定代表人或其委托代理人签字。",
		"中标人应在合同生效后90日内完成设备制造，并按采购人通知的时间分批交货，交货地点为项目现场。",
		"评标委员会将对确定为实质上响应招标文件要求的投标文件进行评价和比较，并推荐中标候选人。",
		"设备主体结构采用Q345B钢板焊接，焊缝须经超声波探伤检测，检测比例为百分之百。",
	}
	f, err := os.ReadFile(filepath.Join("testdata", "corpus", "tuned.tsv"))
	if err != nil {
		b.Fatal(err)
	}
	var clauses []string
	for _, line := range strings.Split(string(f), "\n") {
		if _, text, ok := strings.Cut(line, "\t"); ok && !strings.HasPrefix(line, "#") {
			clauses = append(clauses, text)
		}
	}
	var lines []string
	size := 0
	for i := 0; size < 2<<20; i++ {
		var l string
		if i%5 == 4 {
			l = clauses[(i/5)%len(clauses)]
		} else {
			l = ordinary[i%len(ordinary)]
		}
		lines = append(lines, l)
		size += len(l) + 1
	}
	return lines
}

func BenchmarkCheck(b *testing.B) {
	lines := benchmarkDocument(b)
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	defaultChecker() // build the automaton outside the timed loop
	b.SetBytes(int64(n))
	b.ResetTimer()
	for b.Loop() {
		rep := Check(lines, Options{})
		if len(rep.Findings) == 0 {
			b.Fatal("no findings in a document full of them")
		}
	}
}
