package io.leadhub.ingest.crm;

/** A CRM API answered with an error; the delivery that needed it should be retried by its sender. */
public class CrmApiException extends RuntimeException {

    public CrmApiException(String crm, int status, String body) {
        super(crm + " API answered " + status + ": " + (body.length() > 500 ? body.substring(0, 500) : body)
                + (status == 401 || status == 403 ? " (check the access token and its scopes)" : ""));
    }

}
