import FOTAMail
import FOTAModel
import Foundation
import Logging

extension ReportJob {
  /// Deliver: sends the summary once the report is published; a failure never touches the report.
  func deliver(_ message: MIMEMessage?) async -> RunOutcome.DeliveryResult? {
    guard let message else { return nil }
    guard let delivery = configuration.delivery else {
      logger.notice(
        "summary written, not sent: no --sendmail or --smtp-url",
        metadata: [
          "file": "\(configuration.output.appendingPathComponent(SummaryMailComposer.fileName).path)"
        ])
      return nil
    }
    do {
      try await delivery.deliver(message.rendered, from: message.from, to: message.to)
      logger.info(
        "summary sent", metadata: ["via": "\(delivery.label)", "recipients": "\(message.to.count)"])
      return .sent(via: delivery.label)
    } catch {
      let reason = configuration.redactor.redact(ErrorText.describe(error))
      logger.error("summary not sent", metadata: ["reason": "\(reason)"])
      return .failed(reason)
    }
  }
}
