import FOTAModel
import Foundation

extension ThingSpaceClient {
  /// The firmware list, the license pool and, with `campaigns`, the upgrade reports, for
  /// planning. A firmware list or license pool that cannot be had is said, not thrown (the night
  /// plans without it); upgrade reports that cannot be had fail the night (``PlanningData/failure``),
  /// since a plan made without them could schedule devices twice.
  public func planningData(account: String, campaigns: Bool = true) async -> PlanningData {
    // Two requests at once: each is a round trip to ThingSpace before the first page is taken.
    async let firmware = Self.outcome { () async throws(CollectionError) in
      try await self.firmwareList(account: account)
    }
    async let licenses = Self.outcome { () async throws(CollectionError) in
      try await self.licenseSummary(account: account)
    }
    var data = PlanningData()
    switch await firmware {
    case .success(let (body, entries)):
      data.firmware = entries
      data.firmwareBody = body
    case .failure(let error):
      data.missing.append("firmware list: \(ErrorText.describe(error))")
    }
    switch await licenses {
    case .success(let (body, summary)):
      data.licenses = summary
      data.licensesBody = body
    case .failure(let error):
      data.missing.append("license pool: \(ErrorText.describe(error))")
    }
    // The upgrade reports after those two: what the plan needs most is asked for first, on its
    // own, and a flaky gateway's failures among many requests at once never cost the plan.
    if campaigns {
      do {
        data.upgradeReports = try await upgradeReports(account: account)
      } catch {
        data.failure = error
      }
    }
    return data
  }

  /// What `body` returned or threw.
  private static func outcome<Value>(_ body: () async throws(CollectionError) -> Value) async -> Result<
    Value, CollectionError
  > {
    do {
      return .success(try await body())
    } catch {
      return .failure(error)
    }
  }
}
