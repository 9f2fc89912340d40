import FOTAModel
import FOTANightDevices
import FOTANormalise
import FOTAPlan
import ThingSpaceAPI

/// A page made ready away from the collecting task, on any core: decoded (when the source did
/// not), normalised, filtered, planned, grouped into aggregation cells, encoded for the spool and
/// formatted for the per-device files. What is left for the ordered steps (sequence checks,
/// de-duplication, counting, spooling, writing) is cheap.
struct PreparedPage: Sendable {
  /// What every page is prepared with.
  struct Tools: Sendable {
    var normaliser: DeviceNormaliser
    var clientType: ClientType?
    var planner: UpgradePlanner?
    var asOf: Int64
    var formatters: [any DeviceRowFormatter]
  }

  /// The page as the source gave it; its decoded `deviceList` is not kept.
  var collected: CollectedPage
  /// The envelope (`deviceList` emptied), or why the body is not a device-list page.
  var envelope: Result<DeviceListPage, CollectionError>
  /// `deviceList` elements in the page.
  var elements = 0
  /// `deviceList` elements counted: all of them, or those of the page's range.
  var entries = 0
  /// The usable devices that pass the client-type filter, with their plans, in page order.
  var records: [PlannedDevice] = []
  /// Elements without a usable device.
  var skipped = 0
  /// Devices of another client type.
  var filteredOut = 0
  /// The data problems of this page's records.
  var diagnostics = Diagnostics()
  /// The records by aggregation cell.
  var cells = PageCells([], asOf: 0)
  /// The records in the spool's form.
  var spooled = SpoolBatch([])
  /// The records formatted by each of the sink's formatters.
  var formatted: [FormattedRows] = []

  /// Prepares `collected`, the `sequence`-th page of the night.
  init(_ collected: CollectedPage, sequence: Int, tools: Tools) {
    var collected = collected
    collected.number = sequence
    let page: DeviceListPage
    do {
      page = try collected.decoded()
    } catch {
      collected.page = nil
      self.collected = collected
      envelope = .failure(error)
      return
    }
    collected.page = nil
    self.collected = collected
    self.elements = page.deviceList.count
    var elements = page.deviceList[...]
    if let segment = collected.segment {
      guard let kept = segment.kept(of: page.deviceList.count) else {
        envelope = .failure(
          .invalidPage(
            origin: collected.origin,
            reason: "its range keeps elements \(segment.from)..<\(segment.to) of \(page.deviceList.count)"))
        return
      }
      elements = page.deviceList[kept]
    }
    entries = elements.count
    records.reserveCapacity(entries)
    for index in elements.indices {
      guard
        let device = tools.normaliser.normalise(elements[index], page: sequence, diagnostics: &diagnostics)
      else {
        skipped += 1
        continue
      }
      if let clientType = tools.clientType, !clientType.matches(device.clientType) {
        filteredOut += 1
        continue
      }
      records.append(PlannedDevice(device: device, plan: tools.planner?.plan(device)))
    }
    var envelope = page
    envelope.deviceList = []
    self.envelope = .success(envelope)
    cells = PageCells(records, asOf: tools.asOf)
    spooled = SpoolBatch(records)
    formatted = tools.formatters.map { FormattedRows(records, formatter: $0) }
  }
}
