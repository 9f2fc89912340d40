import FOTAModel
import FOTAPlan
import FOTAXLSX
import ThingSpaceAPI

/// `report.xlsx`, the night for Excel: typed cells where the CSVs are text (ids keep their
/// digits, upgrade times are dates). Written through libxlsxwriter in constant memory: the
/// summary sheets when the night's figures are known (``complete(_:)``); with `devices` (the
/// `--xlsx-devices` option) also the per-device sheets (Devices, and Plan when planning) row by
/// row as the devices pass, like the other per-device files. A sheet that reaches Excel's
/// 1,048,576 rows goes on in "Devices (2)", and so on.
///
/// The workbook is the file a fleet manager forwards: it holds no phone number (MDN), which only
/// `devices.csv` and the saved pages do.
public final class ReportWorkbook: ReportOutput {
  /// The file's name in the report folder.
  public static let fileName = "report.xlsx"

  /// Column headings of the Devices sheet (as `devices.csv`, for people).
  public static let deviceColumns = [
    "Device ID", "Make", "Model", "Firmware", "Client type", "Status", "FOTA-eligible",
    "License assigned", "Readiness", "Upgrade state", "Upgrade time (UTC)", "Upgrade age (days)",
    "Upgrade time as reported",
  ]
  /// Column headings of the Plan sheet (as `upgrade-plan.csv`).
  public static let planColumns = [
    "Device ID", "Make", "Model", "Client type", "Firmware", "Plan", "Next firmware", "Firmware name",
    "Newest firmware", "Hops", "Last upgrade", "Last upgrade status", "Last upgrade reason",
  ]
  /// Column headings of the Campaigns sheet: each upgrade in flight or finished within
  /// `--campaign-days` (as the report's campaigns section).
  public static let campaignColumns = [
    "Upgrade", "State", "Status", "Firmware name", "From", "To", "Start", "End", "Devices", "Succeeded",
    "Failed",
    "In progress", "Pending", "Other", "Failure %", "Stalled", "Moved since last night",
  ]
  private static let campaignWidths: [Double] = [
    38, 10, 14, 30, 18, 18, 11, 11, 9, 10, 9, 11, 9, 9, 10, 9, 12,
  ]
  /// Column headings of the Changes sheet (as `changes.csv`).
  public static let changeColumns = ["Device ID", "Make", "Model", "Change", "Before", "After"]
  /// Column headings of the By model & firmware sheet (as `by-model-firmware.csv`).
  public static let modelFirmwareColumns = [
    "Make", "Model", "Firmware", "Devices", "FOTA-eligible", "Licensed", "FOTA-capable", "Never upgraded",
  ]
  /// Column headings of the Upgrade age sheet (as `upgrade-age.csv`).
  public static let upgradeAgeColumns = [
    "Last upgrade", "Devices", "% of fleet", "FOTA-eligible", "Licensed", "FOTA-capable",
  ]

  public var name: String { Self.fileName }

  private let folder: ReportFolder
  private let asOf: Int64
  private var planning: Bool
  private var history: Bool
  /// Whether the per-device sheets are written.
  private let devices: Bool
  /// Rows a sheet may hold, the header included (Excel's limit; smaller in tests).
  private let rowLimit: Int
  private var workbook: XLSXWorkbook
  private var sheets: Sheets

  /// The workbook's sheets, made in the order Excel shows them.
  private struct Sheets {
    var summary: XLSXSheet
    var modelFirmware: XLSXSheet
    var upgradeAge: XLSXSheet
    var campaigns: XLSXSheet?
    var plan: [XLSXSheet]
    var changes: XLSXSheet?
    var devices: [XLSXSheet]
  }

  /// Opens `report.xlsx` in `folder`, with a Changes sheet when `history`, and with `devices` the
  /// Devices sheet and, when `planning`, the Plan sheet.
  public init(
    folder: ReportFolder, asOf: Int64, planning: Bool, history: Bool, devices: Bool = true,
    rowLimit: Int = XLSXWorkbook.rowLimit
  ) throws {
    self.folder = folder
    self.asOf = asOf
    self.planning = planning
    self.history = history
    self.devices = devices
    self.rowLimit = rowLimit
    (workbook, sheets) = try Self.open(
      folder: folder, asOf: asOf, planning: planning, history: history, devices: devices)
  }

  /// The workbook, when the night asks for it: the summary sheets, and the per-device sheets
  /// with `--xlsx-devices`.
  public static func open(_ request: OutputRequest) throws -> (any ReportOutput)? {
    guard request.formats.contains(.xlsx) else { return nil }
    return try ReportWorkbook(
      folder: request.folder, asOf: request.asOf, planning: request.planning, history: request.history,
      devices: request.xlsxDevices)
  }

  private static func open(folder: ReportFolder, asOf: Int64, planning: Bool, history: Bool, devices: Bool)
    throws -> (XLSXWorkbook, Sheets)
  {
    let workbook = try XLSXWorkbook(path: folder.path(of: fileName), created: asOf / 1000)
    let sheets = Sheets(
      summary: try workbook.addSheet(
        "Summary", header: ["Figure", "Value"], widths: [34, 18], freezeHeader: false),
      modelFirmware: try workbook.addSheet(
        "By model & firmware", header: modelFirmwareColumns, widths: [22, 22, 26, 10, 13, 10, 13, 15]),
      upgradeAge: try workbook.addSheet(
        "Upgrade age", header: upgradeAgeColumns, widths: [24, 10, 10, 13, 10, 13]),
      campaigns: planning
        ? try workbook.addSheet("Campaigns", header: campaignColumns, widths: campaignWidths) : nil,
      plan: planning && devices
        ? [try workbook.addSheet("Plan", header: planColumns, widths: planWidths)] : [],
      changes: history
        ? try workbook.addSheet("Changes", header: changeColumns, widths: [18, 18, 20, 16, 26, 26]) : nil,
      devices: devices ? [try workbook.addSheet("Devices", header: deviceColumns, widths: deviceWidths)] : [])
    return (workbook, sheets)
  }

  private static let planWidths: [Double] = [18, 18, 20, 11, 26, 16, 26, 30, 26, 6, 38, 18, 30]
  private static let deviceWidths: [Double] = [18, 18, 20, 26, 11, 14, 13, 16, 15, 14, 20, 12, 32]

  // MARK: Per-device rows

  public func write(_ record: PlannedDevice) throws {
    guard devices else { return }
    let device = record.device
    try append(
      to: \.devices, title: "Devices", header: Self.deviceColumns, widths: Self.deviceWidths,
      [
        .text(device.deviceId), .text(device.make), .text(device.model),
        .text(device.firmware), .text(device.clientType), .text(device.status),
        .boolean(device.fotaEligible), .boolean(device.licenseAssigned), .text(Readiness(device).rawValue),
        .text(device.upgrade.state.rawValue),
        device.upgrade.milliseconds.map { .dateTime(milliseconds: $0) } ?? .empty,
        UpgradeAgeBucket.ageDays(device.upgrade, asOf: asOf).map { .integer(Int($0)) } ?? .empty,
        .text(device.upgrade.raw ?? ""),
      ])
    if planning, let plan = record.plan {
      let path = plan.path
      try append(
        to: \.plan, title: "Plan", header: Self.planColumns, widths: Self.planWidths,
        [
          .text(device.deviceId), .text(device.make), .text(device.model), .text(device.clientType),
          .text(device.firmware), .text(plan.status.rawValue), .text(path?.nextFirmware ?? ""),
          .text(path?.firmwareName ?? ""), .text(path?.newestFirmware ?? ""),
          path.map { .integer($0.hops) } ?? .empty, .text(plan.lastUpgrade?.upgradeId ?? ""),
          .text(plan.lastUpgrade?.deviceStatus ?? ""), .text(plan.lastUpgrade?.reason ?? ""),
        ])
    }
  }

  /// Appends a row to the last sheet of a per-device series, starting "Title (2)" when it is full.
  private func append(
    to series: WritableKeyPath<Sheets, [XLSXSheet]>, title: String, header: [String], widths: [Double],
    _ cells: [XLSXCell]
  ) throws {
    guard var sheet = sheets[keyPath: series].last else { return }
    if sheet.rows >= rowLimit {
      sheet = try workbook.addSheet(
        "\(title) (\(sheets[keyPath: series].count + 1))", header: header, widths: widths)
      sheets[keyPath: series].append(sheet)
    }
    try sheet.appendRow(cells)
  }

  public func restart() throws {
    workbook.discard()
    folder.remove(Self.fileName)
    (workbook, sheets) = try Self.open(
      folder: folder, asOf: asOf, planning: planning, history: history, devices: devices)
  }

  public func discard() {
    workbook.discard()
    folder.remove(Self.fileName)
  }

  // MARK: The night's figures

  public var devicePart: DevicePart { devices ? .records : .none }

  /// Writes the summary sheets from the night's figures and closes the workbook. Without the
  /// per-device sheets, nothing is written before this, so the sheets follow the night as it
  /// turned out (planned or not, recorded in the history or not).
  public func complete(_ report: ReportModel, into folder: ReportFolder) throws {
    if !devices && (planning, history) != (report.planning?.plan != nil, report.historyEnabled) {
      (planning, history) = (report.planning?.plan != nil, report.historyEnabled)
      try restart()
    }
    for sheet in sheets.devices + sheets.plan { try sheet.addAutofilter() }
    try writeSummary(report)
    let summary = report.summary
    for (key, counts) in summary.modelFirmwareRows {
      try sheets.modelFirmware.appendRow(
        [.text(key.model.make), .text(key.model.model), .text(key.firmware)]
          + [counts.devices, counts.fotaEligible, counts.licenseAssigned, counts.ready, counts.neverUpgraded]
          .map(XLSXCell.integer))
    }
    try sheets.modelFirmware.addAutofilter()
    for (bucket, counts) in summary.upgradeAgeRows {
      try sheets.upgradeAge.appendRow([
        .text(bucket.label), .integer(counts.devices),
        .decimal(Percentage(counts.devices, of: summary.totals.devices).value),
        .integer(counts.fotaEligible), .integer(counts.licenseAssigned), .integer(counts.ready),
      ])
    }
    if let sheet = sheets.campaigns { try writeCampaigns(report.campaigns, to: sheet) }
    if let changes = sheets.changes {
      for change in report.delta?.changes ?? [] {
        try changes.appendRow(
          [change.deviceId, change.make, change.model, change.kind.rawValue, change.before, change.after]
            .map(XLSXCell.text))
      }
      try changes.addAutofilter()
    }
    try workbook.close()
    folder.register(Self.fileName)
  }

  /// The Campaigns sheet: every upgrade in flight, then those finished in the window, then the
  /// most common failure reasons; or why there is nothing.
  private func writeCampaigns(_ review: CampaignReview?, to sheet: XLSXSheet) throws {
    guard let review else {
      try sheet.appendRow([
        .text("The upgrade reports were not read tonight (--no-campaigns, or a replay without them).")
      ])
      return
    }
    for (state, upgrades) in [("in flight", review.inFlight), ("finished", review.finished)] {
      for upgrade in upgrades {
        let outcome = upgrade.outcome
        try sheet.appendRow(
          [
            .text(outcome.upgrade.id), .text(state), .text(outcome.status.name),
            .text(outcome.upgrade.firmwareName),
            .text(upgrade.fromFirmware ?? ""), .text(outcome.upgrade.firmwareTo),
            .text(outcome.upgrade.startDate),
            .text(outcome.upgrade.endDate ?? ""), .integer(outcome.deviceCount),
          ] + UpgradeStatus.DeviceOutcome.allCases.map { .integer(outcome.devices[$0] ?? 0) } + [
            .decimal(upgrade.failure.value), .boolean(upgrade.isStalled),
            upgrade.movedSinceLastNight.map(XLSXCell.integer) ?? .empty,
          ])
      }
    }
    guard !review.failureReasons.isEmpty else { return }
    try sheet.appendRow([])
    try sheet.appendRow([.text("Failure reason"), .text("Devices")], bold: true)
    for (reason, count) in review.failureReasons { try sheet.appendRow([.text(reason), .integer(count)]) }
  }

  private func writeSummary(_ report: ReportModel) throws {
    let sheet = sheets.summary
    let totals = report.summary.totals
    let recent = report.summary.byUpgradeAge[.under30Days]?.devices ?? 0
    var figures: [(String, XLSXCell)] = [
      ("Account", .text(report.figures.account)),
      ("As of (UTC)", .dateTime(milliseconds: report.figures.asOf)),
      ("Devices", .integer(totals.devices)),
      ("FOTA-capable (eligible and licensed)", .integer(totals.ready)),
      ("FOTA-capable, % of fleet", .decimal(Percentage(totals.ready, of: totals.devices).value)),
      ("Eligible, no license", .integer(totals.needsLicense)),
      ("Not FOTA-eligible", .integer(totals.ineligible)),
      ("Never upgraded", .integer(totals.neverUpgraded)),
      ("Upgraded in the last 30 days", .integer(recent)),
    ]
    if let plan = report.planning?.plan {
      figures += [
        ("Ready to upgrade (active, capable, a path on)", .integer(plan.funnel.ready)),
        ("Held back: already in an upgrade", .integer(plan.funnel.inCampaign)),
        ("Held back: last upgrades failed", .integer(plan.funnel.failing)),
      ]
    }
    if let delta = report.delta, delta.previousNight != nil {
      figures += [
        ("Added since the last run", .integer(delta.added)),
        ("Removed since the last run", .integer(delta.removed)),
        ("Upgraded since the last run", .integer(delta.upgrades)),
      ]
    } else if report.historyEnabled {
      figures.append(
        ("Changes", .text(report.historyProblem.map { "not available: \($0)" } ?? "from the next run on")))
    }
    if !devices {
      figures.append(
        ("Device list", .text("devices.csv beside this workbook; --xlsx-devices puts it in a Devices sheet")))
      if report.planning?.plan != nil {
        figures.append(
          ("Plan per device", .text("upgrade-plan.csv beside this workbook; --xlsx-devices adds it")))
      }
    }
    for (label, value) in figures { try sheet.appendRow([.text(label), value]) }
    try sheet.appendRow([])
    // The chart's data: readiness by model, largest first.
    try sheet.appendRow(
      ["Model", "FOTA-capable", "Eligible, no license", "Not FOTA-eligible"].map(XLSXCell.text), bold: true)
    let first = sheet.rows
    for (key, counts) in report.summary.modelsBySize {
      try sheet.appendRow([
        .text([key.make, key.model].filter { !$0.isEmpty }.joined(separator: " ")), .integer(counts.ready),
        .integer(counts.needsLicense), .integer(counts.ineligible),
      ])
    }
    let last = sheet.rows - 1
    guard last >= first else { return }
    try workbook.addStackedBarChart(
      to: sheet, row: 1, column: 3, title: "Readiness by model",
      categories: sheet.range(column: 0, rows: first, last),
      series: [
        ("FOTA-capable", sheet.range(column: 1, rows: first, last), 0x2E7D32),
        ("Eligible, no license", sheet.range(column: 2, rows: first, last), 0xF9A825),
        ("Not FOTA-eligible", sheet.range(column: 3, rows: first, last), 0x9E9E9E),
      ])
  }
}
