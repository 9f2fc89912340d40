import FOTAModel
import FOTAPlan
import FOTAXML
import Foundation
import ThingSpaceAPI

/// Streams `report.xml` through libxml2 and checks it against `Templates/report.xsd`.
///
/// The summary is always written; one `<device>` per device only with `includeDevices`.
/// Phone numbers (MDN) are never written.
public struct XMLReportRenderer: ReportRenderer {
  /// The namespace of the report's elements.
  public static let namespace = "urn:fota-report:report:1"

  public let schemaPath: String
  public let includeDevices: Bool

  public var name: String { "XML" }

  /// Creates a renderer that validates against the XSD at `schemaPath`.
  public init(schemaPath: String, includeDevices: Bool) {
    self.schemaPath = schemaPath
    self.includeDevices = includeDevices
  }

  public func render(_ report: ReportModel, into folder: ReportFolder) throws {
    let path = folder.path(of: "report.xml")
    let writer = try XMLStreamWriter(path: path)
    try writer.startDocument()
    try writer.startElement("fotaReport")
    try writer.attribute("xmlns", Self.namespace)
    try writer.attribute("formatVersion", "1")
    try writeRun(report, writer)
    try writeCounts("totals", report.summary.totals, writer)
    try writeModels(report.summary, writer)
    try writeFirmware(report.summary, writer)
    try writeBreakdowns(report.summary, writer)
    try writeDiagnostics(report.diagnostics, writer)
    if let delta = report.delta { try writeChanges(delta, writer) }
    if let planning = report.planning { try writePlan(planning, writer) }
    if includeDevices { try spliceDevices(folder, writer, count: report.summary.totals.devices) }
    try writer.endDocument()
    folder.register("report.xml")
    try XMLSchemaValidator(schemaPath: schemaPath).validate(fileAt: path)
  }

  private func writeRun(_ report: ReportModel, _ writer: XMLStreamWriter) throws {
    let info = report.figures
    try writer.startElement("run")
    try writer.attribute("account", info.account)
    try writer.attribute("asOf", CivilCalendar.iso8601(milliseconds: info.asOf))
    try writer.attribute("source", info.source)
    if let filter = info.clientTypeFilter { try writer.attribute("clientTypeFilter", filter) }
    try writer.attribute("pages", String(info.pages))
    try writer.attribute("records", String(info.records))
    try writer.attribute("devices", String(report.summary.totals.devices))
    try writer.attribute("duplicates", String(report.summary.duplicates))
    try writer.attribute("skipped", String(info.skipped))
    try writer.attribute("filteredOut", String(info.filteredOut))
    try writer.attribute("collectSeconds", Figures.seconds(info.collectSeconds))
    if let http = info.http {
      try writer.startElement("http")
      try writer.attribute("requests", String(http.requests))
      try writer.attribute("retries", String(http.totalRetries))
      try writer.attribute("bearerRenewals", String(http.bearerRenewals))
      try writer.attribute("sessionRenewals", String(http.sessionRenewals))
      for (cause, count) in http.retries.sorted(by: { $0.key < $1.key }) {
        try writer.emptyElement("retry", ["cause": cause, "count": String(count)])
      }
      try writer.endElement()
    }
    if let problem = report.historyProblem {
      try writer.emptyElement("historyUnavailable", ["reason": problem])
    }
    try writer.endElement()
  }

  private func writeCounts(
    _ element: String, _ counts: GroupCounts, _ writer: XMLStreamWriter,
    attributes: [(String, String)] = [], children: (() throws -> Void)? = nil
  ) throws {
    try writer.startElement(element)
    for (name, value) in attributes { try writer.attribute(name, value) }
    for (name, value) in [
      ("devices", counts.devices), ("fotaEligible", counts.fotaEligible),
      ("licenseAssigned", counts.licenseAssigned), ("ready", counts.ready),
      ("needsLicense", counts.needsLicense), ("ineligible", counts.ineligible),
      ("upgraded", counts.upgraded), ("neverUpgraded", counts.neverUpgraded),
      ("unknownUpgrade", counts.unknownUpgrade), ("invalidUpgrade", counts.invalidUpgrade),
    ] {
      try writer.attribute(name, String(value))
    }
    if let latest = counts.latestUpgrade {
      try writer.attribute("latestUpgrade", CivilCalendar.iso8601(milliseconds: latest))
    }
    try children?()
    try writer.endElement()
  }

  private func writeModels(_ summary: FleetSummary, _ writer: XMLStreamWriter) throws {
    try writer.startElement("models")
    for (key, counts) in summary.modelsBySize {
      try writeCounts("model", counts, writer, attributes: [("make", key.make), ("model", key.model)]) {
        for (firmware, firmwareCounts) in summary.firmware(of: key) {
          try writeCounts("firmware", firmwareCounts, writer, attributes: [("name", firmware)])
        }
      }
    }
    try writer.endElement()
  }

  private func writeFirmware(_ summary: FleetSummary, _ writer: XMLStreamWriter) throws {
    try writer.startElement("firmwareVersions")
    for (firmware, counts) in summary.firmwareBySize {
      try writeCounts("firmware", counts, writer, attributes: [("name", firmware)])
    }
    try writer.endElement()
  }

  private func writeBreakdowns(_ summary: FleetSummary, _ writer: XMLStreamWriter) throws {
    let breakdowns: [(String, [(String, GroupCounts)])] = [
      ("readiness", summary.readinessRows.map { ($0.key.rawValue, $0.counts) }),
      ("fotaEligible", FleetSummary.booleanRows(summary.byEligibility).map { (String($0.key), $0.counts) }),
      ("licenseAssigned", FleetSummary.booleanRows(summary.byLicense).map { (String($0.key), $0.counts) }),
      ("clientType", summary.clientTypesBySize.map { ($0.key, $0.counts) }),
      ("status", summary.statusesBySize.map { ($0.key, $0.counts) }),
      ("upgradeAge", summary.upgradeAgeRows.map { ($0.key.rawValue, $0.counts) }),
    ]
    for (dimension, rows) in breakdowns {
      try writer.startElement("breakdown")
      try writer.attribute("dimension", dimension)
      for (value, counts) in rows {
        try writeCounts("group", counts, writer, attributes: [("value", value)])
      }
      try writer.endElement()
    }
  }

  private func writeDiagnostics(_ diagnostics: Diagnostics, _ writer: XMLStreamWriter) throws {
    try writer.startElement("diagnostics")
    try writer.attribute("total", String(diagnostics.totalCount))
    for entry in diagnostics.sortedEntries {
      try writer.startElement("diagnostic")
      try writer.attribute("kind", entry.key.kind.rawValue)
      if !entry.key.field.isEmpty { try writer.attribute("field", entry.key.field) }
      try writer.attribute("count", String(entry.count))
      for example in entry.examples {
        try writer.emptyElement(
          "example",
          ["page": String(example.page), "deviceId": example.deviceId, "value": example.value])
      }
      try writer.endElement()
    }
    try writer.endElement()
  }

  private func writeChanges(_ delta: FleetDelta, _ writer: XMLStreamWriter) throws {
    try writer.startElement("changes")
    if let previous = delta.previousNight {
      try writer.attribute("previousNight", previous)
      for (name, value) in [
        ("added", delta.added), ("removed", delta.removed), ("changedDevices", delta.changedDevices),
        ("upgrades", delta.upgrades), ("eligibilityGained", delta.eligibilityGained),
        ("eligibilityLost", delta.eligibilityLost), ("licenseGained", delta.licenseGained),
        ("licenseLost", delta.licenseLost),
      ] {
        try writer.attribute(name, String(value))
      }
      for (transition, devices) in delta.sortedTransitions {
        try writer.emptyElement(
          "firmwareTransition",
          [
            "make": transition.model.make, "model": transition.model.model, "from": transition.from,
            "to": transition.to, "devices": String(devices),
          ])
      }
    } else {
      try writer.attribute("firstRun", "true")
    }
    try writer.endElement()
  }

  private func writePlan(_ planning: PlanningResult, _ writer: XMLStreamWriter) throws {
    try writer.startElement("plan")
    try writer.attribute("complete", String(planning.missing.isEmpty))
    for reason in planning.missing { try writer.emptyElement("missing", ["reason": reason]) }
    if let plan = planning.plan {
      func funnel(_ element: String, _ funnel: Funnel, _ model: ModelKey?) throws {
        try writer.startElement(element)
        if let model {
          try writer.attribute("make", model.make)
          try writer.attribute("model", model.model)
        }
        for (name, value) in [
          ("total", funnel.total), ("active", funnel.active), ("eligible", funnel.eligible),
          ("licensed", funnel.licensed),
          ("knownFirmware", funnel.knownFirmware), ("ready", funnel.ready), ("upToDate", funnel.upToDate),
        ] {
          try writer.attribute(name, String(value))
        }
        try writer.endElement()
      }
      try funnel("funnel", plan.funnel, nil)
      for (model, modelFunnel) in plan.funnelByModel.sorted(by: { $0.key < $1.key }) {
        try funnel("modelFunnel", modelFunnel, model)
      }
      for status in PlanStatus.allCases {
        try writer.emptyElement(
          "status", ["value": status.rawValue, "devices": String(plan.statusCounts[status] ?? 0)])
      }
      for (cohort, devices) in plan.sortedCohorts {
        try writer.emptyElement(
          "cohort",
          [
            "make": cohort.model.make, "model": cohort.model.model, "firmwareName": cohort.firmwareName,
            "firmwareTo": cohort.firmwareTo, "devices": String(devices.count),
          ])
      }
      try writer.startElement("licenses")
      if let pool = plan.licenses {
        try writer.attribute("total", String(pool.totalLicenses))
        try writer.attribute("assigned", String(pool.assignedLicenses))
        try writer.attribute("available", String(pool.available))
      }
      try writer.attribute("needLicense", String(plan.needLicense))
      try writer.attribute("heldByIneligible", String(plan.licensedIneligible))
      try writer.endElement()
    }
    try writer.endElement()
  }

  /// Places the `<devices>` element the device pass wrote into the document, leaving out the
  /// fragment's placeholder lines and giving it its `count` (not known while the devices passed),
  /// and removes the fragment.
  private func spliceDevices(_ folder: ReportFolder, _ writer: XMLStreamWriter, count: Int) throws {
    let path = folder.path(of: XMLDeviceListWriter.fragment)
    defer { try? FileManager.default.removeItem(atPath: path) }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw RenderError.renderFailed(renderer: name, reason: "the device list was not written")
    }
    defer { try? handle.close() }
    let closing = Array("</fragment>\n".utf8)
    var pending: [UInt8] = []
    var skippedFirstLine = false
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      pending += chunk
      if !skippedFirstLine, let newline = pending.firstIndex(of: UInt8(ascii: "\n")),
        pending.count >= newline + 1 + XMLDeviceListWriter.openingTag.count
      {
        pending.removeFirst(newline + 1)
        guard pending.starts(with: XMLDeviceListWriter.openingTag) else {
          throw RenderError.renderFailed(
            renderer: name, reason: "the device list does not start with <devices>")
        }
        pending.insert(contentsOf: " count=\"\(count)\"".utf8, at: XMLDeviceListWriter.openingTag.count)
        skippedFirstLine = true
      }
      guard skippedFirstLine, pending.count > closing.count else { continue }
      let ready = pending.count - closing.count
      try pending.withUnsafeBytes { try writer.raw(UnsafeRawBufferPointer(rebasing: $0[..<ready])) }
      pending.removeFirst(ready)
    }
  }
}
