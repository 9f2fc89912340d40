import CFuzzerDriver
import FOTANormalise

/// Starts libFuzzer on ``fuzzUpgradeTime(_:_:)``.
@_cdecl("FuzzUpgradeTime_main")
public func fuzzUpgradeTimeMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> CInt
{
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv) { data, count in fuzzUpgradeTime(data, count) }
}

/// One input, read as text, through the upgradeTime parser: a value or `invalid`, never a trap.
func fuzzUpgradeTime(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
  let parsed = UpgradeTimeParser.parse(text)
  precondition(parsed.state != .upgraded || parsed.milliseconds != nil)
  precondition(UpgradeTimeParser.instant(text) == nil || parsed.state != .invalid)
  return 0
}
