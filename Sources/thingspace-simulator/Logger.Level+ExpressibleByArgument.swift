import ArgumentParser
import Logging

/// `--log-level LEVEL`.
extension Logger.Level: @retroactive ExpressibleByArgument {}
