/// A make and model.
public struct ModelKey: Sendable, Hashable, Comparable, Codable {
  public var make: String
  public var model: String

  public init(make: String, model: String) {
    self.make = make
    self.model = model
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.make, lhs.model) < (rhs.make, rhs.model)
  }
}
