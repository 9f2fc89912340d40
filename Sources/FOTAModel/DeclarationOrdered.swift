/// Enumerations whose cases sort in the order they are declared: report rows, diagnostics and
/// the spool's state codes follow it.
public protocol DeclarationOrdered: CaseIterable, Comparable where AllCases.Index == Int {}

extension DeclarationOrdered {
  /// The case's position among ``allCases``.
  public var declarationIndex: Int { Self.allCases.firstIndex(of: self)! }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    lhs.declarationIndex < rhs.declarationIndex
  }
}
