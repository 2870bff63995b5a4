//! A TLS server on 127.0.0.1 with an rcgen certificate, its answers
//! optionally dated (a clock the test chooses): the network checks and
//! the clock check run against it. Real sockets; nothing is mocked.

use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

pub struct Tls {
    pub port: u16,
    pub ca_der: Vec<u8>,
}

/// The same server, its answers carrying `Date: <date>` when given.
pub async fn tls_server_dated(date: Option<String>) -> Tls {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = rcgen::Issuer::new(ca, ca_key);
    let key = rcgen::KeyPair::generate().unwrap();
    let params =
        rcgen::CertificateParams::new(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
    let cert = params.signed_by(&key, &issuer).unwrap();
    let config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
        )
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        // Bounded: a test server answers a handful of connections.
        for _ in 0..32 {
            let Ok((sock, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            let date = date.clone();
            tokio::spawn(async move {
                if let Ok(mut tls) = acceptor.accept(sock).await {
                    let mut buf = [0u8; 4096];
                    let _ = tls.read(&mut buf).await;
                    let date = date
                        .as_deref()
                        .map(|d| format!("date: {d}\r\n"))
                        .unwrap_or_default();
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\n{date}content-length: 2\r\nconnection: close\r\n\r\nok"
                    );
                    let _ = tls.write_all(answer.as_bytes()).await;
                    let _ = tls.shutdown().await;
                }
            });
        }
    });
    Tls {
        port,
        ca_der: ca_cert.der().to_vec(),
    }
}
