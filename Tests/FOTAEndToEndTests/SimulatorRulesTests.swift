import AsyncHTTPClient
import FOTACollect
import FOTAFleet
import FOTAModel
import FOTASimulator
import FOTATestSupport
import Foundation
import Logging
import Testing
import ThingSpaceAPI

@Suite("ThingSpace rules the simulator keeps")
struct SimulatorRulesTests {
  @Test("startIndex must be 0 or an IMEI of the account, as ThingSpace insists")
  func startIndexRule() async throws {
    let fleet = SyntheticFleet(seed: 4, deviceCount: 1_500)
    let simulator = SimulatorConfiguration(fleet: fleet)
    let rejection: CollectionError? = try await SimulatorLauncher.withSimulator(simulator) { _, url in
      try await HTTPClient.withHTTPClient(configuration: ThingSpaceClient.httpConfiguration()) { http in
        let client = ThingSpaceClient(
          baseURL: url, credentials: SimulatorLauncher.demoLogin, policy: RetryPolicy(maxAttempts: 1),
          logger: Logger(label: "test"), redactor: SecretRedactor(), httpClient: http)
        let second = try await client.devicePage(
          account: fleet.account, startIndex: fleet.imei(at: 999), clientType: nil)
        #expect(second.page.hasMoreData == false)
        #expect(second.page.deviceList.count == 500)
        do {
          _ = try await client.devicePage(
            account: fleet.account, startIndex: "350000000000001", clientType: nil)
          return nil as CollectionError?
        } catch let error as CollectionError {
          return error
        }
      }
    }
    guard case .rejected(_, let detail)? = rejection else {
      Issue.record("expected a rejection, got \(String(describing: rejection))")
      return
    }
    #expect(detail == "HTTP 400 INVALID_PARAMETER: LastSeenDeviceId Not Valid")
  }
}
