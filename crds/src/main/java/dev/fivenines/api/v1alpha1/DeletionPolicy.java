package dev.fivenines.api.v1alpha1;

/** What happens to a deployment's DynamoDB replica when the deployment is deleted. */
public enum DeletionPolicy {
    Retain,
    Delete
}
