import ArgumentParser
import FOTANormalise

/// `--as-of`: any timestamp shape the upgrade-time parser reads.
struct AsOfArgument: ExpressibleByArgument {
  let milliseconds: Int64

  init?(argument: String) {
    guard let milliseconds = UpgradeTimeParser.instant(argument) else { return nil }
    self.milliseconds = milliseconds
  }
}
