import FOTAModel
import FOTANightDevices

/// Every output of a night, fed as one: the collector hands each device to every per-device part
/// once, in IMEI order, while the night arrives in order; ``complete(_:fedWhileCollecting:)``
/// then writes each summary part. An output's failure is a ``RenderError`` naming it.
public final class ReportOutputs: DeviceSink {
  /// Every output there is, in the order they are written: each opens itself for the night a
  /// request describes, or declines. Adding a format is a type of its own and a line here.
  public static let registered: [@Sendable (OutputRequest) throws -> (any ReportOutput)?] = [
    DevicesCSV.open,
    PlanFiles.openUpgradePlan,
    PlanFiles.openLicenseReclaim,
    SummaryCSVFiles.open,
    CampaignFiles.open,
    CampaignOutcomeFiles.open,
    HTMLReport.open,
    XMLReport.open,
    ReportWorkbook.open,
  ]

  /// The outputs, in the order they are handed each device.
  public let outputs: [any ReportOutput]
  private let folder: ReportFolder
  public let formatters: [any DeviceRowFormatter]

  /// Opens every registered output the night asks for, then `extra` (the e-mail's attachment, a
  /// test's failure).
  public init(_ request: OutputRequest, extra: [any ReportOutput] = []) throws {
    var outputs: [any ReportOutput] = []
    for open in Self.registered {
      if let output = try Self.attempt("per-device files", { try open(request) }) { outputs.append(output) }
    }
    self.outputs = outputs + extra
    folder = request.folder
    formatters = self.outputs.compactMap {
      if case .formatted(let formatter) = $0.devicePart { formatter } else { nil }
    }
  }

  public func write(_ batch: DeviceBatch) throws {
    var formatted = batch.formatted.makeIterator()
    for output in outputs {
      try Self.attempt(output.name) {
        switch output.devicePart {
        case .none: break
        case .formatted:
          try formatted.next()?.withKeptBytes(batch.kept) { try output.write(formatted: $0) }
        case .records:
          for record in batch.keptRecords { try output.write(record) }
        }
      }
    }
  }

  public func write(_ record: PlannedDevice) throws {
    for output in outputs { try Self.attempt(output.name) { try output.write(record) } }
  }

  /// Completes every output from `report`: the per-device parts are written anew from its
  /// devices first when the collector could not feed them in order.
  public func complete(_ report: ReportModel, fedWhileCollecting: Bool) throws {
    if !fedWhileCollecting && outputs.contains(where: \.takesDevices) {
      for output in outputs { try Self.attempt(output.name) { try output.restart() } }
      for record in report.devices { try write(record) }
    }
    for output in outputs { try Self.attempt(output.name) { try output.complete(report, into: folder) } }
  }

  /// Removes what every output wrote.
  public func discard() {
    for output in outputs { output.discard() }
  }

  /// Runs one output's step, naming it in any failure.
  static func attempt<Value>(_ name: String, _ body: () throws -> Value) throws(RenderError) -> Value {
    do {
      return try body()
    } catch let error as RenderError {
      throw error
    } catch {
      throw .renderFailed(renderer: name, reason: ErrorText.describe(error))
    }
  }
}
