//go:build ignore

// gen_common writes common.txt, the passwords CheckStrength refuses as too
// common. Each line is a core: what is left of a password once case,
// look-alike substitutions (@ for a, 0 for o, …) and leading or trailing
// digits and symbols are set aside, so one line such as "password" stands
// for Password@123, P@ssw0rd2026 and every other decoration of it.
//
// The cores come from the patterns people fall back on: well-known weak
// words in English and pinyin, keyboard walks, names (a surname and a
// given name in pinyin), words about this platform and its city, words
// said twice, "I love …" phrases, and short letter runs.
//
// Run with: go generate ./password
package main

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
)

// weakWords are words people pick because they are the first to come to
// mind, in English and in pinyin.
var weakWords = strings.Fields(`
password passwd passw pass passport passcode pwd secret secrets mypass mypassword
admin administrator adm root superuser sysadmin system sys server service manager
master owner operator user username users guest visitor member login logon signin
test tester testing demo sample example default changeme change temp temporary
welcome hello hi hey letmein access enter open opensesame sesame trustno trustnoone
qwerty qwert qwer asdf asdfg asdfgh zxcv zxcvb zxcvbn qazwsx qweasd abc abcd abcde
abcdef abcdefg abcdefgh abcxyz xyz iloveyou iloveu loveyou love lover loving
monkey dragon tiger lion eagle shark wolf panda kitty kitten puppy doggy snoopy
pokemon pikachu mickey minnie garfield tweety hellokitty
master shadow sunshine sunny princess prince queen king angel baby babygirl
football baseball basketball soccer hockey golf tennis cricket
superman batman spiderman ironman starwars matrix ninja samurai warrior
freedom liberty peace hope faith trust power energy lucky happy smile
whatever nothing anything something everything forever always never
money cash gold silver diamond dollar bitcoin rich million
summer winter spring autumn fall sunday monday tuesday wednesday thursday friday saturday
january february march april may june july august september october november december
computer internet network wifi online email mail office work company business
google apple microsoft windows linux ubuntu oracle mysql database cisco samsung
nokia sony intel dell lenovo huawei xiaomi oppo vivo honor meizu
baidu alibaba taobao tmall jingdong tencent wechat weixin weibo douyin qq qqcom
flower rose lily daisy orange banana cherry apple peach lemon strawberry
chocolate coffee cookie candy sugar honey sweet
blue red green black white yellow purple pink silver
michael jennifer jordan charlie thomas daniel jessica ashley robert andrew
matthew joshua david james john william richard joseph christopher anthony
maria sarah laura nicole amanda melissa michelle elizabeth emily hannah
alex alexander alice bob tom jack jerry peter paul mary lisa linda susan
nihao nihaoma haha hehe hahaha xixi heihei aaaa woaini woaiwo aini
woaiwojia woaiziji woainimen woaibaba woaimama wojiushiwo
mima mimamima yonghu guanli guanliyuan ceshi xitong denglu zhuce kouling
zhongguo zhonghua china chinese zhongguoren aiguo
beijing shanghai tianjin chongqing guangzhou shenzhen chengdu wuhan xian
nanjing hangzhou suzhou changsha zhengzhou jinan qingdao dalian shenyang
harbin kunming guiyang nanning lanzhou xiamen fuzhou hefei nanchang taiyuan
yubei jiangbei yuzhong shapingba jiulongpo nanan beibei banan dadukou
wanzhou fuling qianjiang liangjiang liangjiangxinqu
shoutaitao shoutai taitao zhuangbei jishuzhuangbei zhongdazhuangbei
firstset firstsets shoutaitaozhengce jingxinwei jingxin caizheng caizhengju
fagaiwei guoziwei zhengfu gov government zhengwu gongsi qiye danwei
bangong bangongshi kefu fuwu pingtai zhengce shenbao rending
cqjxw cqgov cqzf cqzx cqsz cqjx cqsw cqcz
`)

// phraseObjects follow "I love" and "woai" in passwords.
var phraseObjects = strings.Fields(`you u me myself china beijing chongqing mom dad family
baby jesus god music money life ni wo zhongguo jia mama baba ziji nimen
`)

// surnames and givenNames build the pinyin names people use as passwords,
// often with a birthday after them.
var surnames = strings.Fields(`
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo
gao zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan
cai jiang yu du ye cheng wei su lu ding ren shen yao jin fu zhong qiu tan jia
shi lei long wan duan hao kong bai mao qin xiong yin
`)

var givenNames = strings.Fields(`
wei fang na min jing li qiang lei jun yang yong yan jie tao ming chao xiu xia
hua ping gang hui juan ying bin bo yu dan hao peng fei xin lin tingting
jianguo jianhua jianjun zhiqiang yanhong xiaoming xiaohong xiaoli xiaoyan
haiyan guiying xiuying xiulan yumei guihua dongmei lili jiajia yuanyuan
`)

// keyboardWalks are runs along a keyboard: rows, columns and zigzags.
var keyboardWalks = []string{
	"qwertyuiop", "asdfghjkl", "zxcvbnm", "qazwsxedcrfvtgbyhnujmikolp",
	"1qaz2wsx3edc4rfv5tgb6yhn", "!qaz@wsx#edc$rfv%tgb", "1q2w3e4r5t6y7u8i9o0p",
	"q1w2e3r4t5y6u7i8o9p0", "zaq1xsw2cde3vfr4bgt5", "zaq!xsw@cde#vfr$",
	"qweasdzxc", "asdqwezxc", "qweasd", "asdzxc", "qweqwe", "asdasd", "zxczxc",
	"1234qwer", "qwer1234", "1234asdf", "asdf1234", "123qwe", "qwe123", "123asd",
	"asd123", "123abc", "abc123", "a1b2c3d4e5", "aa123456", "qq123456", "abcd1234",
	"ab123456", "a123456", "q123456", "z123456", "w123456", "zz123456",
	"poiuytrewq", "lkjhgfdsa", "mnbvcxz", "1qazxsw2", "2wsxzaq1", "3edcxsw2",
	"qwertyasdf", "qwertyasdfgh", "qwaszx", "qawsed", "qazxsw", "wsxedc", "edcrfv",
}

// shortRuns are the letters left of passwords such as Aa123456! and
// Qq123456789: too short to be words, common as the only letters.
var shortRuns = strings.Fields(`aa aaa ab abc qq qqq qw qwe asd zxc zz xx wo ai
pw pwd cq cqs cn gov sys usr adm`)

func main() {
	set := map[string]bool{}
	add := func(s string) {
		if s = strings.ToLower(strings.TrimSpace(s)); len(s) >= 2 {
			set[s] = true
		}
	}
	for _, w := range weakWords {
		add(w)
		add(w + w) // adminadmin, testtest
		add("my" + w)
		add("the" + w)
	}
	for _, o := range phraseObjects {
		add("iloveyou" + o)
		add("ilove" + o)
		add("love" + o)
		add("woai" + o)
	}
	for _, s := range surnames {
		add(s)
		for _, g := range givenNames {
			add(s + g) // zhangwei
		}
	}
	for _, walk := range keyboardWalks {
		// Every stretch of six keys or more along the walk.
		for i := 0; i < len(walk); i++ {
			for j := i + 6; j <= len(walk); j++ {
				add(walk[i:j])
			}
		}
	}
	for _, r := range shortRuns {
		add(r)
	}
	list := make([]string, 0, len(set))
	for s := range set {
		list = append(list, s)
	}
	slices.Sort(list)

	f, err := os.Create("common.txt")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriter(f)
	for _, s := range list {
		fmt.Fprintln(w, s)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("common.txt: %d cores\n", len(list))
}
