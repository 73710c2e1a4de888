/** Calendar feeds (iCalendar) of a series' dates, in German and English, made with ical4j. */
module io.peerwork.calendar {
  requires transitive io.peerwork.core;
  requires ical4j.core;

  exports io.peerwork.calendar;
}
