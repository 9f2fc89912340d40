import FOTAModel

/// Ready devices of one make and model that take the same upgrade (`firmwareName`).
public struct Cohort: Sendable, Hashable, Comparable {
  public var model: ModelKey
  public var firmwareName: String
  public var firmwareTo: String

  public init(model: ModelKey, firmwareName: String, firmwareTo: String) {
    self.model = model
    self.firmwareName = firmwareName
    self.firmwareTo = firmwareTo
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.model, lhs.firmwareName, lhs.firmwareTo) < (rhs.model, rhs.firmwareName, rhs.firmwareTo)
  }
}
