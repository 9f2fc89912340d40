import FOTAModel
import Foundation

extension ThingSpaceClient {
  /// The firmware list and the license pool for planning; what cannot be had is said, not thrown.
  public func planningData(account: String) async -> PlanningData {
    var data = PlanningData()
    do {
      let (body, entries) = try await firmwareList(account: account)
      data.firmware = entries
      data.firmwareBody = body
    } catch {
      data.missing.append("firmware list: \(ErrorText.describe(error))")
    }
    do {
      let (body, summary) = try await licenseSummary(account: account)
      data.licenses = summary
      data.licensesBody = body
    } catch {
      data.missing.append("license pool: \(ErrorText.describe(error))")
    }
    return data
  }
}
