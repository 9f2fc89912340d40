import FOTAModel
import FOTAPlan
import FOTAXML
import Foundation
import ThingSpaceAPI

/// `report.xml`, streamed through libxml2 and checked against `Templates/report.xsd`.
///
/// The summary is always written, from the night's figures; with `--xml-devices` also one
/// `<device>` per device, written as the devices pass (see `XMLReport+DeviceList.swift`).
/// Phone numbers (MDN) are never written.
public final class XMLReport: ReportOutput {
  /// The namespace of the report's elements.
  public static let namespace = "urn:fota-report:report:1"

  public let schemaPath: String
  /// The device list, with `--xml-devices`.
  let deviceList: DeviceList?

  public var name: String { "XML" }

  /// Creates the output, validated against the XSD at `schemaPath`; with `devices` its device
  /// list is written into `folder` as the devices pass.
  public init(schemaPath: String, devices: (folder: ReportFolder, asOf: Int64)? = nil) throws {
    self.schemaPath = schemaPath
    deviceList = try devices.map { try DeviceList(folder: $0.folder, asOf: $0.asOf) }
  }

  /// The output, when the night asks for XML.
  public static func open(_ request: OutputRequest) throws -> (any ReportOutput)? {
    guard request.formats.contains(.xml) else { return nil }
    return try XMLReport(
      schemaPath: request.templates.schemaPath,
      devices: request.xmlDevices ? (request.folder, request.asOf) : nil)
  }

  public func complete(_ report: ReportModel, into folder: ReportFolder) throws {
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
    if let campaigns = report.campaigns { try writeCampaigns(campaigns, writer) }
    if let deviceList { try deviceList.place(into: writer, count: report.summary.totals.devices) }
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
          try self.writeCounts("firmware", firmwareCounts, writer, attributes: [("name", firmware)])
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
          ("knownFirmware", funnel.knownFirmware), ("inCampaign", funnel.inCampaign),
          ("failing", funnel.failing),
          ("ready", funnel.ready), ("upToDate", funnel.upToDate),
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
}
