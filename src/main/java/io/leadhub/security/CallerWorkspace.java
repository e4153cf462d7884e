package io.leadhub.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.core.annotation.AuthenticationPrincipal;

/**
 * A controller parameter that receives the authenticated caller's workspace ("*" for an operator). It comes from
 * the API key only, never from a request header.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@AuthenticationPrincipal(expression = "workspace", errorOnInvalidType = true)
public @interface CallerWorkspace {
}
