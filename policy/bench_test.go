package policy

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"firstset/date"
	"firstset/money"
)

// benchPremiumCase is p01 (three periods down the whole ladder, the last
// one pro-rated and rounded).
func benchPremium(b *testing.B, opt Options) {
	eng := DefaultEngine()
	in := p01()
	periods := 0
	b.ReportAllocs()
	for b.Loop() {
		res, err := eng.PremiumSubsidy(in, opt)
		if err != nil {
			b.Fatal(err)
		}
		periods += len(res.Years)
	}
	b.ReportMetric(float64(periods)/b.Elapsed().Seconds(), "periods/s")
}

func BenchmarkPremiumExplainOff(b *testing.B) { benchPremium(b, Options{}) }
func BenchmarkPremiumExplainOn(b *testing.B)  { benchPremium(b, Options{Explain: true}) }

func BenchmarkFirstPurchaseReward(b *testing.B) {
	eng := DefaultEngine()
	in := RewardInput{Product: Product{RecognizedOn: d("2024-06-01")},
		Purchase: Purchase{ContractDate: d("2025-03-10"), Paid: yuan("12000000"), FirstPurchase: true}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := eng.FirstPurchaseReward(in, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func benchApplications(n int) AllocationInput {
	rng := rand.New(rand.NewPCG(1, 1))
	base := time.Date(2025, 4, 1, 9, 0, 0, 0, date.Shanghai)
	in := AllocationInput{Budget: yuan("100000000")}
	in.Applications = make([]Application, n)
	for i := range in.Applications {
		in.Applications[i] = Application{
			ID:          fmt.Sprintf("APP-%06d", i),
			MaxAmount:   money.Fen(1 + rng.Int64N(5_000_000_00)),
			Score:       Score(rng.Int64N(MaxScore + 1)),
			TalentLed:   rng.IntN(10) == 0,
			SubmittedAt: base.Add(time.Duration(rng.IntN(30*24*3600)) * time.Second),
		}
	}
	return in
}

func benchAllocate(b *testing.B, method string, opt Options) {
	eng := DefaultEngine()
	in := benchApplications(100_000)
	in.Method = method
	b.ReportAllocs()
	for b.Loop() {
		if _, err := eng.Allocate(in, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAllocate100kRankOrder(b *testing.B) { benchAllocate(b, MethodRankOrder, Options{}) }
func BenchmarkAllocate100kProRata(b *testing.B)   { benchAllocate(b, MethodProRata, Options{}) }
func BenchmarkAllocate100kExplainOn(b *testing.B) {
	benchAllocate(b, MethodRankOrder, Options{Explain: true})
}
