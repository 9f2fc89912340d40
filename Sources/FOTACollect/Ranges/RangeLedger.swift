import FOTAModel

/// Each range's figures in a night collected in ranges, as its walk reports them, for
/// `run.json` and the completeness block.
actor RangeLedger {
  /// The ranges, in IMEI order.
  private(set) var figures: [RangeFigures] = []

  /// The ranges, once started.
  func begin(_ ranges: [RangeFigures]) {
    figures = ranges
  }

  /// Updates a range's figures.
  func update(_ range: RangeFigures) {
    figures[range.range - 1] = range
  }
}
