import Foundation
import ThingSpaceAPI

/// Decodes response bodies into ``DeviceListPage`` values, failing only on non-JSON or a non-object.
public enum PageDecoder {
  /// Decodes one body; `origin` names it in errors.
  public static func decode(_ body: Data, origin: String) throws(CollectionError) -> DeviceListPage {
    do {
      return try JSONDecoder().decode(DeviceListPage.self, from: body)
    } catch let error as DecodingError {
      throw .invalidPage(origin: origin, reason: describe(error))
    } catch {
      throw .invalidPage(origin: origin, reason: "not valid JSON")
    }
  }

  private static func describe(_ error: DecodingError) -> String {
    switch error {
    case .dataCorrupted(let context):
      let detail = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
      return oneLine("not valid JSON" + (detail.map { " (\($0))" } ?? ""))
    case .typeMismatch, .valueNotFound, .keyNotFound:
      return "the body is not a JSON object"
    @unknown default:
      return "not valid JSON"
    }
  }

  private static func oneLine(_ text: String) -> String {
    String(text.map { $0.isNewline ? " " : $0 }.prefix(200))
  }
}
