import FOTAModel

/// The fields of a timestamp, validated.
struct TimestampFields {
  var year = 0, month = 0, day = 0
  var hour = 0, minute = 0, second = 0, millisecond = 0
  var offsetSeconds = 0

  var milliseconds: Int64 {
    let days = CivilCalendar.days(year: year, month: month, day: day)
    let seconds = Int64(((hour * 60) + minute) * 60 + second - offsetSeconds)
    return days * CivilCalendar.millisecondsPerDay + seconds * 1000 + Int64(millisecond)
  }

  var isValid: Bool {
    (1...9999).contains(year) && (1...12).contains(month)
      && (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day)
      && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
  }
}
