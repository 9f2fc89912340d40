import Foundation
import ThingSpaceAPI

/// Decodes response bodies into ``DeviceListPage`` values with ``DeviceListDecoder``.
public enum PageDecoder {
  /// Decodes one body; `origin` names it in errors.
  public static func decode(_ body: Data, origin: String) throws(CollectionError) -> DeviceListPage {
    var decoder = DeviceListDecoder()
    let result = body.withUnsafeBytes { raw in
      Result { () throws(DeviceListDecodingError) in try decoder.decode(raw) }
    }
    switch result {
    case .success(let page): return page
    case .failure(let error): throw .invalidPage(origin: origin, reason: error.description)
    }
  }
}
