package dev.fivenines.api.v1alpha1;

/** How the runtime writes its console log. */
public enum LogFormat {
    /** One line of text a record (the default). */
    Text,
    /** One JSON object a line (timestamp, level, loggerName, message, threadName, mdc...), for log pipelines. */
    Json
}
