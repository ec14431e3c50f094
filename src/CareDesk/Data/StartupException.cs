namespace CareDesk.Data;

/// <summary>
/// A start-up problem the operator can fix (a setting, a path, a missing package). Program prints its
/// message as one line and exits non-zero instead of dumping a stack trace.
/// </summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
