import Foundation
import ThingSpaceAPI

/// Reads saved and replayed page bodies: ``DeviceListPage/init(decoding:)``, its failure named
/// as a ``CollectionError``.
public enum PageDecoder {
  /// Decodes one body; `origin` names it in errors.
  public static func decode(_ body: Data, origin: String) throws(CollectionError) -> DeviceListPage {
    do {
      return try DeviceListPage(decoding: body)
    } catch {
      throw .invalidPage(origin: origin, reason: error.description)
    }
  }
}
