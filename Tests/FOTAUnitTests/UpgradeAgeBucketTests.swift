import FOTAModel
import FOTATestSupport
import Testing

@Suite("upgrade-age buckets")
struct UpgradeAgeBucketTests {
  @Test("upgrade-age buckets follow the as-of instant")
  func buckets() {
    let asOf = JobFixture.asOf
    let day: Int64 = 86_400_000
    func bucket(_ daysAgo: Int64) -> UpgradeAgeBucket {
      UpgradeAgeBucket(.init(state: .upgraded, milliseconds: asOf - daysAgo * day), asOf: asOf)
    }
    #expect(bucket(0) == .under30Days)
    #expect(bucket(29) == .under30Days)
    #expect(bucket(30) == .days30To89)
    #expect(bucket(89) == .days30To89)
    #expect(bucket(90) == .days90To364)
    #expect(bucket(364) == .days90To364)
    #expect(bucket(365) == .days365Plus)
    #expect(bucket(-3) == .under30Days)
    #expect(UpgradeAgeBucket(.init(state: .never), asOf: asOf) == .never)
    #expect(UpgradeAgeBucket(.init(state: .invalid, raw: "x"), asOf: asOf) == .invalid)
  }
}
