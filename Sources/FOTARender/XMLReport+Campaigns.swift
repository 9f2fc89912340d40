import FOTAModel
import FOTAPlan
import FOTAXML
import ThingSpaceAPI

extension XMLReport {
  /// The campaigns section: every upgrade in flight or finished within the window, success by
  /// model and by hop, the most common failure reasons, and the data-quality findings.
  func writeCampaigns(_ review: CampaignReview, _ writer: XMLStreamWriter) throws {
    try writer.startElement("campaigns")
    try writer.attribute("upgrades", String(review.upgrades))
    try writer.attribute("days", String(review.days))
    try writer.attribute("alertFailureRate", Figures.decimal(review.alertFailureRate))
    if let moved = review.movedSinceLastNight { try writer.attribute("movedSinceLastNight", String(moved)) }
    try writer.attribute("firmwareMismatches", String(review.firmwareMismatches))
    try writer.attribute("devicesNotInAccount", String(review.devicesNotInAccount))
    try writer.attribute("unknownStatuses", String(review.unknownStatuses))
    for (state, upgrades) in [("inFlight", review.inFlight), ("finished", review.finished)] {
      for upgrade in upgrades {
        let outcome = upgrade.outcome
        try writer.startElement("upgrade")
        try writer.attribute("id", outcome.upgrade.id)
        try writer.attribute("state", state)
        try writer.attribute("status", outcome.status.name)
        try writer.attribute("firmwareName", outcome.upgrade.firmwareName)
        if let from = upgrade.fromFirmware { try writer.attribute("from", from) }
        try writer.attribute("to", outcome.upgrade.firmwareTo)
        try writer.attribute("startDate", outcome.upgrade.startDate)
        if let end = outcome.upgrade.endDate, !end.isEmpty { try writer.attribute("endDate", end) }
        try writer.attribute("devices", String(outcome.deviceCount))
        for kind in UpgradeStatus.DeviceOutcome.allCases {
          try writer.attribute(kind.rawValue, String(outcome.devices[kind] ?? 0))
        }
        try writer.attribute("successPercent", upgrade.success.text)
        try writer.attribute("failurePercent", upgrade.failure.text)
        try writer.attribute("stalled", String(upgrade.isStalled))
        try writer.attribute("alert", String(upgrade.isAlerted))
        if let moved = upgrade.movedSinceLastNight {
          try writer.attribute("movedSinceLastNight", String(moved))
        }
        try writer.endElement()
      }
    }
    func tallied(_ element: String, _ names: KeyValuePairs<String, String>, _ tally: CampaignReview.Tally)
      throws
    {
      try writer.startElement(element)
      for (name, value) in names { try writer.attribute(name, value) }
      try writer.attribute("entries", String(tally.entries))
      try writer.attribute("succeeded", String(tally.succeeded))
      try writer.attribute("failed", String(tally.failed))
      try writer.attribute("successPercent", tally.success.text)
      try writer.endElement()
    }
    for (model, tally) in review.byModel {
      try tallied("modelOutcome", ["make": model.make, "model": model.model], tally)
    }
    for (from, to, tally) in review.byHop { try tallied("hopOutcome", ["from": from, "to": to], tally) }
    for (reason, count) in review.failureReasons {
      try writer.emptyElement("failureReason", ["reason": reason, "devices": String(count)])
    }
    try writer.endElement()
  }
}
